import * as v from 'valibot';
import { HeartbeatSchema } from '../../src/protocol/heartbeat.ts';
import { UsageBatchSchema } from '../../src/protocol/usage.ts';
import { expectAxeClean, openMaintenance, smallTargets } from '../support/kiosk.ts';
import { adminSession } from '../support/station.ts';
import { expect, test } from '../support/test.ts';

test('a kiosk enrolls, counts anonymously, and the hub receives exactly the counts', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const headers = await adminSession(request, baseURL ?? '');
  const created = await request.post('/api/v1/admin/stations', {
    headers,
    data: { name: '测试站', town: '河口镇', group: 'hekou' },
  });
  const { station, enrollmentCode } = await created.json();

  // Everything the kiosk sends to the hub, checked against the protocol's strict schemas.
  const sent: Array<{ path: string; body: unknown }> = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/') && r.method() !== 'GET')
      sent.push({ path: url.pathname, body: r.postDataJSON() });
    if (url.pathname.startsWith('/api/') && r.method() === 'GET') expect(url.search).toBe('');
  });

  await page.goto('/');
  await openMaintenance(page);
  await expectAxeClean(page, 'maintenance');
  expect(await smallTargets(page)).toEqual([]);
  for (const key of enrollmentCode.replace(/-/g, '')) {
    await page.locator('.keypad').getByRole('button', { name: key, exact: true }).click();
  }
  await page.getByRole('button', { name: '登记本机' }).click();
  // Its own status: an update found meanwhile shows another one beside it.
  await expect(page.getByRole('status').filter({ hasText: '登记成功。' })).toHaveText('登记成功。');
  await expect(page.locator('.maintenance__facts').first()).toContainText(station.id);

  // A resident: switches to Vietnamese, opens an article, turns on large text.
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('button', { name: 'Trang chủ' }).click();
  await page.locator('.tile__button').first().click();
  await page.locator('.article-card').first().click();
  await expect(page).toHaveURL(/\/article\//);
  const articleId = new URL(page.url()).pathname.split('/').pop();
  await page.getByRole('button', { name: 'Chữ to' }).click();

  await page.getByRole('button', { name: 'Trang chủ' }).click();
  await openMaintenance(page);
  // A round sends usage, then the heartbeat; wait for that heartbeat's answer.
  const heartbeat = page.waitForResponse((r) => r.url().endsWith('/api/v1/heartbeat'));
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  expect((await heartbeat).status()).toBe(204);
  await expect(page.locator('.maintenance__facts').first()).toContainText('Thành công');

  const day = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const usage = await request.get(
    `/api/v1/admin/usage?from=${day}&to=${day}&by=metric,key&station=${station.id}`,
  );
  const { rows } = await usage.json();
  expect(rows).toEqual(
    expect.arrayContaining([
      { metric: 'article_open', key: articleId, count: 1 },
      { metric: 'language', key: 'vi', count: 1 },
      { metric: 'large_text', key: 'on', count: 1 },
    ]),
  );
  const stations = await (await request.get('/api/v1/admin/stations')).json();
  expect(stations.find((s: { id: string }) => s.id === station.id)).toMatchObject({ state: 'online' });

  // Privacy: only these endpoints, and nothing outside the schemas, ever left the kiosk.
  expect([...new Set(sent.map((s) => s.path))].sort()).toEqual([
    '/api/v1/enroll',
    '/api/v1/heartbeat',
    '/api/v1/usage',
  ]);
  for (const { path, body } of sent) {
    if (path === '/api/v1/usage') expect(v.is(UsageBatchSchema, body), JSON.stringify(body)).toBe(true);
    if (path === '/api/v1/heartbeat') expect(v.is(HeartbeatSchema, body), JSON.stringify(body)).toBe(true);
    // The code and a random attempt id (a retry after a lost answer is the same attempt): nothing
    // about the person or the device.
    if (path === '/api/v1/enroll') expect(Object.keys(body as object).sort()).toEqual(['attempt', 'code']);
  }
});

test('a wrong PIN does not open maintenance', async ({ page }) => {
  await page.goto('/');
  const box = await page.locator('.station-name').boundingBox();
  await page.mouse.move((box?.x ?? 0) + 20, (box?.y ?? 0) + 10);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  const dialog = page.getByRole('dialog');
  for (const digit of '1111') await dialog.getByRole('button', { name: digit, exact: true }).click();
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toContainText('密码不对');
  await expectAxeClean(page, 'PIN dialog');
});
