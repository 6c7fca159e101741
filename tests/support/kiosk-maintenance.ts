/** Enrolling and syncing a kiosk from its hidden maintenance screen, as staff do. */
import { expect, type Page } from '@playwright/test';

export { openMaintenance } from './kiosk.ts';

/** Types an enrollment code on the maintenance keypad, enrolls, and waits for the first sync round. */
export async function enrollOnKeypad(page: Page, code: string): Promise<void> {
  for (const key of code.replace(/-/g, '')) {
    await page.locator('.keypad').getByRole('button', { name: key, exact: true }).click();
  }
  const firstRound = page.waitForResponse((r) => r.url().endsWith('/api/v1/station/config'));
  await page.getByRole('button', { name: '登记本机' }).click();
  // The update engine may post its own status at the same moment (the hub's release is newer than the build's).
  await expect(page.getByRole('status').filter({ hasText: '登记' })).toHaveText('登记成功。');
  await firstRound;
}

/** Runs a sync round from the maintenance screen and waits for the station config it fetches. */
export async function syncNow(page: Page): Promise<void> {
  const config = page.waitForResponse((r) => r.url().endsWith('/api/v1/station/config'));
  await page.getByRole('button', { name: '立即同步' }).click();
  expect((await config).status()).toBe(200);
}
