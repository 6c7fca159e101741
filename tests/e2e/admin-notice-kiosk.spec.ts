import { adminApi, unique } from '../support/admin.ts';
import { expectAxeClean, smallTargets } from '../support/kiosk.ts';
import { enrollOnKeypad, openMaintenance, syncNow } from '../support/kiosk-maintenance.ts';
import { expect, test } from '../support/test.ts';

test('a notice sent through the admin API shows on a kiosk’s every screen and attract screen, and goes when cancelled', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('e2e-kiosk');
  const created = await api.post('/stations', { name: '南溪社区e站', town: '南溪镇', group });
  const { enrollmentCode } = await created.json();
  // The group's settings travel with the same sync.
  const config = { idleSeconds: 15, warningSeconds: 20, defaultLocale: 'zh-CN', defaultTextSize: 'standard' };
  expect(
    (await api.put(`/groups/${group}/config`, { ...config, enabledTopics: ['health'], featured: [] })).ok(),
  ).toBe(true);

  // A fake clock (running at normal speed) lets the test skip ahead to the attract screen.
  await page.clock.install();
  await page.goto('/');
  await openMaintenance(page);
  await enrollOnKeypad(page, enrollmentCode);
  const sent = await api.post('/notices', {
    severity: 'extreme',
    urgency: 'immediate',
    headline: { 'zh-CN': '红河水位上涨', vi: 'Nước sông Hồng dâng cao', en: 'The Red River is rising' },
    instruction: {
      'zh-CN': '请远离河边，听从村委会安排。',
      vi: 'Hãy tránh xa bờ sông.',
      en: 'Keep away from the riverbank.',
    },
    groups: [group],
    expires: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect(sent.status()).toBe(201);
  const { notice } = await sent.json();
  await syncNow(page);

  // Extreme: the alarm card interrupts the screen first; read, the banner stays.
  await page.getByRole('button', { name: '我已阅读' }).click();
  // The banner is over every screen, in the resident's language.
  const banner = page.locator('.notice-banner');
  await expect(banner).toContainText('红河水位上涨');
  await expect(banner).toContainText('紧急通知 · 特别严重');
  await page.getByRole('button', { name: '退出维护' }).click();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(page.locator('.notice-area')).toHaveCount(0);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(banner).toContainText('The Red River is rising Keep away from the riverbank.');
  await page.locator('.tile__button').first().click();
  await expect(banner).toContainText('The Red River is rising');
  await expectAxeClean(page, 'topic screen with a notice');
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/.screenshots/kiosk-notice-banner.png' });

  // Nobody touches it: the attract screen shows the notice as a full-screen card, every language.
  await page.clock.fastForward(91_000);
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.clock.fastForward(31_000);
  const card = page.locator('.attract-notice');
  await expect(card).toBeVisible();
  await expect(card.locator('.attract-notice__main')).toContainText('红河水位上涨');
  await expect(card).toContainText('Nước sông Hồng dâng cao');
  await expect(card).toContainText('The Red River is rising');
  await expectAxeClean(page, 'attract screen with a notice');
  await page.screenshot({ path: 'tests/e2e/.screenshots/kiosk-notice-attract.png' });

  // Cancelled at the hub: gone after the next sync.
  expect((await api.post(`/notices/${notice.id}/cancel`, {})).ok()).toBe(true);
  await page.locator('.attract__button').click();
  // A new session: the alarm is there again while the notice is in force.
  await page.getByRole('button', { name: '我已阅读' }).click();
  await openMaintenance(page);
  await syncNow(page);
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: '退出维护' }).click();
  await expect(page.locator('.notice-area')).toContainText('暂无紧急通知');
});
