/** Measurements the browser tests share: axe, target sizes, overflow. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PANELS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;

export const LANGUAGES = [
  { code: 'zh-CN', button: '中文', title: '今天想了解什么？' },
  { code: 'vi', button: 'Tiếng Việt', title: 'Hôm nay bạn muốn tìm hiểu gì?' },
  { code: 'en', button: 'English', title: 'What would you like to learn today?' },
] as const;

/** Runs axe with WCAG 2.2 A/AA rules plus the 7:1 enhanced contrast rule; expects no violations. */
export async function expectAxeClean(page: Page, label: string): Promise<void> {
  // Contrast is judged on the settled screen, not halfway through a fade-in.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ rules: { 'color-contrast-enhanced': { enabled: true } } })
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Interactive elements smaller than 60x60 CSS px (visible ones only). */
export async function smallTargets(page: Page, min = 60): Promise<string[]> {
  return page.evaluate((size) => {
    const found: string[] = [];
    // A visually hidden input is operated through its label, which is measured instead.
    const selector =
      'button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"]), label:has(input)';
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < size || r.height < size) {
        found.push(
          `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`,
        );
      }
    }
    return found;
  }, min);
}

/** Elements that stick out of the viewport sideways, and whether the page scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`page scrolls to ${document.documentElement.scrollWidth}px`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      if (r.right > width + 1 || r.left < -1) {
        found.push(
          `${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`,
        );
      }
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
        found.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways`);
      }
    }
    return found;
  });
}

/** The home screen's tiles. */
export function tiles(page: Page) {
  return page.locator('.tiles .tile__button');
}

/** Opens the hidden maintenance screen: hold the station name 3 s, then the default PIN. */
export async function openMaintenance(page: Page, pin = '2468'): Promise<void> {
  const box = await page.locator('.station-name').boundingBox();
  if (!box) throw new Error('no station name on screen');
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

/** The active pack's version in the kiosk's IndexedDB, or null while none is installed. */
export function activePackVersion(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((done, fail) => {
        const open = indexedDB.open('kepu-kiosk');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) return done(null);
          const get = db.transaction('meta').objectStore('meta').get('activePack');
          get.onsuccess = () => done((get.result as number | undefined) ?? null);
          get.onerror = () => fail(get.error);
        };
      }),
  );
}
