import { adminApi, unique } from '../support/admin.ts';
import { FAKE_AUDIO } from '../support/cap.ts';
import { expectAxeClean, smallTargets } from '../support/kiosk.ts';
import { enrollOnKeypad, openMaintenance } from '../support/kiosk-maintenance.ts';
import { expect, type Page, test } from '../support/test.ts';

/** Oscillators started by the alarm chime: 3 calls × 2 notes × (tone + overtone). */
const ONE_CHIME = 12;
/** A sync round from the maintenance screen, in whichever language the session is in. */
async function syncNow(page: Page): Promise<void> {
  const config = page.waitForResponse((r) => r.url().endsWith('/api/v1/station/config'));
  await page.getByRole('button', { name: /^(立即同步|Sync now)$/ }).click();
  expect((await config).status()).toBe(200);
}
const chimes = (page: Page) =>
  page.evaluate(() => (window as unknown as { __chimes: number[] }).__chimes.length);

test('an Extreme alert from a partner system interrupts any screen with a card, a chime and "I have read it"; it stays read this session, returns for the next, and a quiet group hears nothing', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('alarm-e2e');
  const created = await api.post('/stations', { name: '莲花滩乡e站', town: '莲花滩乡', group });
  const { enrollmentCode } = await created.json();
  const keyMade = await api.post('/partner-keys', {
    name: unique('乡镇广播系统'),
    groups: [group],
    scopes: ['notices'],
  });
  expect(keyMade.status()).toBe(201);
  const { secret } = await keyMade.json();
  const partner = (headline: string) =>
    request.post('/api/v1/partner/notices', {
      headers: { authorization: `Bearer ${secret}` },
      data: {
        severity: 'extreme',
        urgency: 'immediate',
        headline: { 'zh-CN': headline },
        instruction: { 'zh-CN': '请立即到村委会安置点避险。' },
        area: { 'zh-CN': '莲花滩乡' },
        sender: { 'zh-CN': '莲花滩乡人民政府' },
        groups: [group],
        expires: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      },
    });

  await page.addInitScript(FAKE_AUDIO);
  // A fake clock (running at normal speed) lets the test skip ahead to an idle reset.
  await page.clock.install();
  await page.goto('/');
  await openMaintenance(page);
  await enrollOnKeypad(page, enrollmentCode);
  await page.getByRole('button', { name: '退出维护' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.tile__button').first().click();
  expect(await chimes(page)).toBe(0);

  // Maintenance opens before the warning exists: the kiosk's own first round (5 s after start)
  // could otherwise bring the card while the station name is held, and the hold would be lost.
  await openMaintenance(page);
  expect((await partner('山洪预警：立即撤离')).status()).toBe(201);
  // The kiosk's own sync round, run now instead of in five minutes.
  await syncNow(page);

  // It interrupts the screen (here maintenance), in Chinese with a note in English.
  const card = page.getByRole('alertdialog');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Extreme warning');
  await expect(card).toContainText('山洪预警：立即撤离');
  await expect(card).toContainText('This notice is not available in English. It is shown in Chinese.');
  await expect(card).toContainText('Where: 莲花滩乡');
  await expect(card).toContainText('Issued by 莲花滩乡人民政府');
  await expect(page.getByRole('button', { name: 'I have read it' })).toBeFocused();
  expect(await chimes(page)).toBe(ONE_CHIME);
  await expectAxeClean(page, 'alarm card');
  expect(await smallTargets(page)).toEqual([]);
  const box = await page.getByRole('button', { name: 'I have read it' }).boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(96);
  await page.screenshot({ path: 'tests/e2e/.screenshots/kiosk-alarm-card.png' });

  // Motion only when the resident has not asked for less.
  const animation = () => page.locator('.alarm__mark').evaluate((el) => getComputedStyle(el).animationName);
  expect(await animation()).toBe('alarm-pulse');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
  await page.emulateMedia({ reducedMotion: null });

  await page.getByRole('button', { name: 'I have read it' }).click();
  await expect(card).toHaveCount(0);
  const banner = page.locator('.notice-banner');
  await expect(banner).toContainText('山洪预警：立即撤离');
  // Read: it does not come back in this session, on any screen.
  await page.getByRole('button', { name: 'Leave maintenance' }).click();
  await page.locator('.tile__button').first().click();
  await expect(banner).toBeVisible();
  await expect(card).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/.screenshots/kiosk-alarm-banner.png' });

  // Nobody touches it: the attract screen shows the warning and chimes once for passers-by.
  await page.clock.fastForward(91_000);
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.clock.fastForward(31_000);
  await expect(page.locator('.attract-notice')).toContainText('山洪预警：立即撤离');
  await expect.poll(() => chimes(page)).toBe(2 * ONE_CHIME);
  // The next resident's tap opens a new session: the card is there again (no second chime so soon).
  await page.locator('.attract__button').click();
  await expect(card).toBeVisible();
  await expect(card).toContainText('特别严重预警');
  expect(await chimes(page)).toBe(2 * ONE_CHIME);
  await page.getByRole('button', { name: '我已阅读' }).click();

  // A quiet group: the card still interrupts, silently.
  expect(
    (
      await api.put(`/groups/${group}/alert-settings`, {
        policy: 'severe',
        chime: false,
        testGroup: false,
        place: null,
      })
    ).ok(),
  ).toBe(true);
  await openMaintenance(page);
  expect((await partner('泥石流预警')).status()).toBe(201);
  await syncNow(page);
  await expect(card).toContainText('泥石流预警');
  expect(await chimes(page)).toBe(2 * ONE_CHIME);
});
