/** Signing in to the e2e hub and enrolling a kiosk through its maintenance screen. */
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { openMaintenance } from './kiosk.ts';

/** Headers for admin calls; the demo admin's password is fixed for browser tests by scripts/e2e-hub.sh. */
export async function adminSession(request: APIRequestContext, baseURL: string) {
  const login = await request.post('/api/v1/admin/login', {
    data: { username: 'admin', password: 'e2e-admin-password' },
  });
  expect(login.ok()).toBe(true);
  const { csrfToken } = await login.json();
  return { 'x-csrf-token': csrfToken, origin: baseURL };
}

/** Creates a station on the hub and enrolls the kiosk in `page` as it; returns the station id. */
export async function enrollKiosk(page: Page, request: APIRequestContext, baseURL: string): Promise<string> {
  const headers = await adminSession(request, baseURL);
  const created = await request.post('/api/v1/admin/stations', {
    headers,
    data: { name: '答题测试站', town: '河口镇', group: 'hekou' },
  });
  const { station, enrollmentCode } = await created.json();
  await page.goto('/');
  await openMaintenance(page);
  for (const key of enrollmentCode.replace(/-/g, '')) {
    await page.locator('.keypad').getByRole('button', { name: key, exact: true }).click();
  }
  await page.getByRole('button', { name: '登记本机' }).click();
  // The update engine may post its own status at the same moment (the hub's release is newer than the build's).
  await expect(page.getByRole('status').filter({ hasText: '登记' })).toHaveText('登记成功。');
  await page.getByRole('button', { name: '退出维护' }).click();
  return station.id;
}

/** Runs a sync round from the maintenance screen and waits for the hub's answer. */
export async function syncNow(page: Page): Promise<void> {
  await openMaintenance(page);
  const heartbeat = page.waitForResponse((r) => r.url().endsWith('/api/v1/heartbeat'));
  await page.getByRole('button', { name: '立即同步' }).click();
  expect((await heartbeat).status()).toBe(204);
}

/** The kiosk's local calendar day, as its usage counters carry it. */
export function kioskDay(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}
