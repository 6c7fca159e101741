/** Reaching the kiosk's hidden maintenance screen, as staff do: hold the station name, type the PIN. */
import { expect, type Page } from '@playwright/test';

/** Holds the station name for 3 s and enters the default PIN. */
export async function openMaintenance(page: Page, pin = '2468'): Promise<void> {
  const box = await page.locator('.station-name').boundingBox();
  if (!box) throw new Error('no station name');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(3300);
  await page.mouse.up();
  const dialog = page.locator('dialog.pin-dialog');
  await expect(dialog).toBeVisible();
  for (const digit of pin) await dialog.getByRole('button', { name: digit, exact: true }).click();
  await dialog.locator('.dialog-actions .big-button:not(.big-button--quiet)').click();
  await expect(page.locator('.maintenance')).toBeVisible();
}

/** Types an enrollment code on the maintenance keypad, enrolls, and waits for the first sync round. */
export async function enrollOnKeypad(page: Page, code: string): Promise<void> {
  for (const key of code.replace(/-/g, '')) {
    await page.locator('.keypad').getByRole('button', { name: key, exact: true }).click();
  }
  const firstRound = page.waitForResponse((r) => r.url().endsWith('/api/v1/station/config'));
  await page.getByRole('button', { name: '登记本机' }).click();
  await expect(page.getByRole('status')).toHaveText('登记成功。');
  await firstRound;
}

/** Runs a sync round from the maintenance screen and waits for the station config it fetches. */
export async function syncNow(page: Page): Promise<void> {
  const config = page.waitForResponse((r) => r.url().endsWith('/api/v1/station/config'));
  await page.getByRole('button', { name: '立即同步' }).click();
  expect((await config).status()).toBe(200);
}
