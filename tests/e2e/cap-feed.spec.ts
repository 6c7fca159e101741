import { adminApi, unique } from '../support/admin.ts';
import { FAKE_AUDIO, startFeedServer } from '../support/cap.ts';
import { expectAxeClean } from '../support/kiosk.ts';
import { enrollOnKeypad, openMaintenance, syncNow } from '../support/kiosk-maintenance.ts';
import { type BrowserContext, expect, type Page, test } from '../support/test.ts';

/** A ring around Hekou town (lat, lon). */
const HEKOU: Array<[number, number]> = [
  [22.45, 103.9],
  [22.45, 104.02],
  [22.56, 104.02],
  [22.56, 103.9],
];

test('a CAP alert on a local feed reaches, within one poll, the kiosk inside its polygon and not the one outside; an Update changes it, a Cancel removes it', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const api = await adminApi(request, baseURL ?? '');
  const feed = await startFeedServer();
  const contexts: BrowserContext[] = [];
  try {
    const group = unique('cap-e2e');
    /** A kiosk of `group` standing at a point, enrolled on its own keypad, left on its maintenance screen. */
    const kiosk = async (name: string, lat: number, lon: number): Promise<Page> => {
      const created = await api.post('/stations', { name, town: '桥头乡', group });
      const { station, enrollmentCode } = await created.json();
      expect((await api.put(`/stations/${station.id}/place`, { place: { lat, lon } })).ok()).toBe(true);
      const context = await browser.newContext();
      contexts.push(context);
      await context.addInitScript(FAKE_AUDIO);
      const page = await context.newPage();
      await page.goto('/');
      await openMaintenance(page);
      await enrollOnKeypad(page, enrollmentCode);
      return page;
    };
    const inside = await kiosk('河口镇e站', 22.5, 103.95);
    const outside = await kiosk('南溪镇e站', 22.63, 103.95);

    // The feed is switched off so that the poll below is the only one.
    const added = await api.post('/cap/feeds', { name: unique('县预警平台'), url: feed.url, enabled: false });
    expect(added.status()).toBe(201);
    const { id: feedId } = await added.json();
    const poll = async () => {
      const res = await api.post(`/cap/feeds/${feedId}/poll`, {});
      expect(res.ok()).toBe(true);
      return (await res.json()) as { status: string; results: Array<{ outcome: string }> };
    };
    const first = unique('HK-E2E');
    feed.publish({
      identifier: first,
      severity: 'Severe',
      polygon: HEKOU,
      info: [
        { language: 'zh-CN', headline: '暴雨橙色预警', instruction: '请远离河道和山坡。' },
        {
          language: 'vi',
          headline: 'Cảnh báo mưa lớn cấp cam',
          instruction: 'Tránh xa sông suối và sườn đồi.',
        },
      ],
    });
    expect((await poll()).results.map((r) => r.outcome)).toEqual(['created']);
    await syncNow(inside);
    await syncNow(outside);
    const bannerIn = inside.locator('.notice-banner');
    await expect(bannerIn).toContainText('暴雨橙色预警');
    await expect(bannerIn).toContainText('紧急通知 · 严重');
    await expect(outside.locator('.notice-banner')).toHaveCount(0);
    // Severe: a banner, no alarm card.
    await expect(inside.getByRole('alertdialog')).toHaveCount(0);

    // The Update raises it to Extreme: the alarm interrupts the inside kiosk's screen.
    const update = unique('HK-E2E-UP');
    feed.publish({
      identifier: update,
      msgType: 'Update',
      references: [first],
      severity: 'Extreme',
      polygon: HEKOU,
      info: [
        { language: 'zh-CN', headline: '暴雨红色预警：立即转移', instruction: '低洼地带的居民请立即转移。' },
      ],
    });
    const second = await poll();
    expect(second.results.map((r) => r.outcome)).toEqual(['updated']);
    await syncNow(inside);
    await syncNow(outside);
    const alarm = inside.getByRole('alertdialog');
    await expect(alarm).toBeVisible();
    await expect(alarm).toContainText('暴雨红色预警：立即转移');
    await expect(alarm).toContainText('预警已更新');
    await expect(bannerIn).toContainText('暴雨红色预警：立即转移');
    await expect(bannerIn).not.toContainText('暴雨橙色预警');
    await expect(outside.locator('.notice-banner')).toHaveCount(0);
    await expect(outside.getByRole('alertdialog')).toHaveCount(0);
    await expectAxeClean(inside, 'alarm card over the maintenance screen');
    await inside.getByRole('button', { name: '我已阅读' }).click();
    await expect(alarm).toHaveCount(0);

    // The Cancel ends it everywhere.
    feed.publish({ identifier: unique('HK-E2E-CANCEL'), msgType: 'Cancel', references: [first, update] });
    expect((await poll()).results.map((r) => r.outcome)).toEqual(['cancelled']);
    await syncNow(inside);
    await expect(bannerIn).toHaveCount(0);
    // Nothing new: the feed answers 304 and nothing changes.
    expect(await poll()).toMatchObject({ status: 'unchanged', results: [] });
  } finally {
    for (const c of contexts) await c.close();
    await feed.close();
  }
});
