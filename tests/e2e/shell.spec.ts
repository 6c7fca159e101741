import {
  expectAxeClean,
  horizontalOverflow,
  LANGUAGES,
  PANELS,
  smallTargets,
  tiles,
} from '../support/kiosk.ts';
import { expect, test } from '../support/test.ts';

test.describe('home screen', () => {
  for (const lang of LANGUAGES) {
    test(`shows the seven areas in ${lang.code}`, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('button', { name: lang.button }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang.title);
      await expect(tiles(page)).toHaveCount(7);
      await expect(page.getByRole('button', { name: lang.button })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('.station-name__place')).toHaveText('河口科普e站');
      await expectAxeClean(page, `home ${lang.code}`);
    });
  }

  test('a launch URL sets station name and default language', async ({ page }) => {
    await page.goto('/?station=%E5%8D%97%E6%BA%AA%E7%A4%BE%E5%8C%BAe%E7%AB%99&lang=vi');
    await expect(page.locator('.station-name__place')).toHaveText('南溪社区e站');
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });

  test('formats the date for the chosen language', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-11-28T10:00:00+08:00'));
    await page.goto('/');
    await expect(page.locator('.station-clock')).toContainText('2026年11月28日星期六');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('.station-clock')).toContainText('Saturday, November 28, 2026');
  });
});

test.describe('navigation', () => {
  test('every area opens, Back returns, Home goes to the start', async ({ page }) => {
    await page.goto('/');
    const back = page.getByRole('button', { name: '返回' });
    await expect(back).toBeDisabled();
    const names = await tiles(page).locator('.tile__label').allTextContents();
    for (const name of names) {
      await tiles(page).filter({ hasText: name }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(back).toBeEnabled();
      await back.click();
      await expect(page).toHaveURL(/\/$/);
    }
    await tiles(page).first().click();
    await page.getByRole('button', { name: '首页' }).click();
    await expect(tiles(page)).toHaveCount(7);
    await expect(back).toBeDisabled();
  });

  test('browser history never grows, so a swipe back cannot leave the app', async ({ page }) => {
    await page.goto('/');
    const before = await page.evaluate(() => history.length);
    await tiles(page).nth(1).click();
    await page.getByRole('button', { name: '首页' }).click();
    await tiles(page).nth(2).click();
    await expect(page).toHaveURL(/\/topic\/farming$/);
    expect(await page.evaluate(() => history.length)).toBe(before);
  });

  test('a reload keeps the screen', async ({ page }) => {
    await page.goto('/topic/youth');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('青少年科学');
  });
});

test.describe('large text', () => {
  test('brings body text from at least 24 px to at least 32 px, line height at least 1.5', async ({
    page,
  }) => {
    await page.goto('/');
    const body = page.locator('.notice-area p');
    const measure = () =>
      body.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          size: Number.parseFloat(s.fontSize),
          line: Number.parseFloat(s.lineHeight) / Number.parseFloat(s.fontSize),
        };
      });
    const standard = await measure();
    expect(standard.size).toBeGreaterThanOrEqual(24);
    expect(standard.line).toBeGreaterThanOrEqual(1.5);
    const toggle = page.getByRole('button', { name: '大字' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const large = await measure();
    expect(large.size).toBeGreaterThanOrEqual(32);
    expect(large.line).toBeGreaterThanOrEqual(1.5);
    await expect(page.locator('.tile__tagline').first()).toHaveCSS('font-size', '32px');
    await expectAxeClean(page, 'home large text');
  });
});

test.describe('every screen at both panel sizes', () => {
  for (const [panel, viewport] of Object.entries(PANELS)) {
    test(`targets are at least 60x60 and nothing overflows (${panel})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      for (const path of ['/', '/topic/health', '/topic/emergency', '/quizzes']) {
        for (const lang of LANGUAGES) {
          for (const large of [false, true]) {
            await page.goto(path);
            await page.getByRole('button', { name: lang.button }).click();
            if (large) await page.locator('.control-bar .bar-button--toggle').last().click();
            const label = `${path} ${lang.code} ${large ? 'large' : 'standard'} ${panel}`;
            expect(await smallTargets(page), label).toEqual([]);
            expect(await horizontalOverflow(page), label).toEqual([]);
          }
        }
      }
    });
  }

  test('topic and quiz screens pass axe', async ({ page }) => {
    for (const path of ['/topic/health', '/topic/rumors', '/quizzes']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAxeClean(page, path);
    }
  });
});

test.describe('kiosk behaviour', () => {
  test('no context menu, no text selection, no pinch zoom', async ({ page }) => {
    await page.goto('/');
    const prevented = await page.evaluate(() => {
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('h1')?.dispatchEvent(menu);
      const zoom = new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 });
      document.body.dispatchEvent(zoom);
      const key = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: '+', ctrlKey: true });
      document.body.dispatchEvent(key);
      return [menu.defaultPrevented, zoom.defaultPrevented, key.defaultPrevented];
    });
    expect(prevented).toEqual([true, true, true]);
    await expect(page.locator('body')).toHaveCSS('user-select', 'none');
    await expect(page.locator('html')).toHaveCSS('touch-action', 'pan-x pan-y');
    await expect(page.locator('html')).toHaveCSS('overscroll-behavior-x', 'none');
  });

  test('touch works as well as the mouse', async ({ browser }) => {
    const context = await browser.newContext({ hasTouch: true, viewport: PANELS.portrait });
    const page = await context.newPage();
    await page.goto('/');
    await tiles(page).nth(3).tap();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('智慧生活');
    await page.getByRole('button', { name: '返回' }).tap();
    await expect(tiles(page)).toHaveCount(7);
    await context.close();
  });
});
