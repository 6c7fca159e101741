/**
 * The lesson player at both panel sizes in all three languages: axe (7:1 contrast), target
 * sizes, no sideways overflow, a phone big enough to read from a step back, and screenshots
 * for people to look at (tests/e2e/.screenshots/).
 */

import { expectAxeClean, horizontalOverflow, LANGUAGES, PANELS, smallTargets } from '../support/kiosk.ts';
import { openLesson, stepIndex, tapSteps } from '../support/lessons.ts';
import { expect, type Page, test } from '../support/test.ts';

// A different lesson per language, stopped at a step with a gesture, typing or a dialog.
const CASES = {
  'zh-CN': { lesson: 'fraud-call-hang-up', steps: 1 },
  vi: { lesson: 'qr-pay-safely', steps: 3 },
  en: { lesson: 'connect-wifi', steps: 1 },
} as const;

const SHOTS = 'tests/e2e/.screenshots';

async function expectLegible(page: Page, minPhoneHeight: number) {
  const phone = await page.locator('.phone').boundingBox();
  expect(phone?.height ?? 0).toBeGreaterThanOrEqual(minPhoneHeight);
  const size = await page
    .locator('.guide__instruction')
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(32);
}

for (const [panel, viewport] of Object.entries(PANELS)) {
  test.describe(`${panel} panel`, () => {
    test.use({ viewport });

    for (const lang of LANGUAGES) {
      test(`mid-lesson with a hint, then the end, in ${lang.code}`, async ({ page, baseURL }) => {
        const { lesson, steps } = CASES[lang.code];
        await openLesson(page, lesson, `?hub=${baseURL}`);
        await page.getByRole('button', { name: lang.button }).click();
        await tapSteps(page, steps);
        // A wrong tap on the status bar: the hint shows and the target glows.
        await page.locator('.phone__screen .ph--statusbar').click();
        await expect(page.locator('.guide__hint')).toBeVisible();
        await expect(page.locator('.phone__target').first()).toHaveClass(/is-hinted/);
        expect(await stepIndex(page)).toBe(steps);
        await expectLegible(page, panel === 'landscape' ? 780 : 700);
        expect(await smallTargets(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toEqual([]);
        await expectAxeClean(page, `lesson ${lesson} ${panel} ${lang.code}`);
        await page.screenshot({
          path: `${SHOTS}/tutorial-${panel}-${lang.code}.png`,
          animations: 'disabled',
        });

        while ((await stepIndex(page)) >= 0) await tapSteps(page, 1);
        await expect(page.locator('.done__qr .qr')).toBeVisible();
        expect(await smallTargets(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toEqual([]);
        await expectAxeClean(page, `lesson end ${panel} ${lang.code}`);
        await page.screenshot({
          path: `${SHOTS}/tutorial-done-${panel}-${lang.code}.png`,
          animations: 'disabled',
        });
      });
    }

    test('large text keeps every target big and nothing sideways', async ({ page }) => {
      await openLesson(page, 'hospital-appointment');
      await page.getByRole('button', { name: '大字' }).click();
      await tapSteps(page, 3);
      await page.locator('.phone__screen .ph--statusbar').click();
      await expectLegible(page, panel === 'landscape' ? 700 : 700);
      expect(await smallTargets(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toEqual([]);
      await expectAxeClean(page, `lesson large text ${panel}`);
      await page.screenshot({ path: `${SHOTS}/tutorial-large-${panel}.png`, animations: 'disabled' });
    });
  });
}
