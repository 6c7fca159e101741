/**
 * The Hekou content at the kiosk: who an article is written for (badges and the "written for"
 * filter on topic pages), some of the new articles in the reader, and the pension and medical
 * insurance lessons, at both panel sizes in all three languages with large text: axe (7:1
 * contrast), target sizes, no sideways overflow, and screenshots for people to look at
 * (tests/e2e/.screenshots/).
 */

import { expectAxeClean, horizontalOverflow, LANGUAGES, PANELS, smallTargets } from '../support/kiosk.ts';
import { openLesson, stepIndex, tapSteps, tapThroughStep } from '../support/lessons.ts';
import { expect, type Page, test } from '../support/test.ts';

const SHOTS = 'tests/e2e/.screenshots';

async function largeText(page: Page) {
  const toggle = page.locator('.control-bar .bar-button--toggle').last();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
}

async function expectClean(page: Page, label: string) {
  expect(await smallTargets(page), label).toEqual([]);
  expect(await horizontalOverflow(page), label).toEqual([]);
  await expectAxeClean(page, label);
}

const cards = (page: Page) => page.locator('.article-card');
const chip = (page: Page, audience: string) => page.locator(`.audience-chip[data-audience="${audience}"]`);

test.describe('written for', () => {
  test('a topic page names the audience on its cards and filters by it', async ({ page }) => {
    await page.goto('/topic/farming');
    await expect(cards(page).first()).toBeVisible();
    const total = await cards(page).count();
    expect(total).toBeGreaterThanOrEqual(13);
    await expect(page.locator('.topic__tagline')).toContainText(`共 ${total} 篇`);

    // Only the farming topic's audiences are offered, "all articles" first and pressed.
    const filter = page.getByRole('group', { name: '写给谁看' });
    await expect(filter.getByRole('button')).toHaveText(['全部文章', '农民', '村镇干部']);
    await expect(chip(page, 'all')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.audience-filter__status')).toHaveCount(0);
    await expect(
      page.locator('.article-card', { hasText: '先做对比试验' }).locator('.article-card__audience'),
    ).toHaveText('写给村镇干部');

    await chip(page, 'officials').click();
    await expect(chip(page, 'officials')).toHaveAttribute('aria-pressed', 'true');
    await expect(chip(page, 'all')).toHaveAttribute('aria-pressed', 'false');
    await expect(cards(page)).toHaveCount(1);
    await expect(page.locator('.article-card__audience')).toHaveText(['写给村镇干部']);
    await expect(page.getByRole('status')).toHaveText('正在看：村镇干部，共 1 篇');
    // The count in the heading stays the topic's.
    await expect(page.locator('.topic__tagline')).toContainText(`共 ${total} 篇`);

    await chip(page, 'farmers').click();
    const farmers = await cards(page).count();
    expect(farmers).toBeGreaterThanOrEqual(10);
    expect(await page.locator('.article-card__audience').allTextContents()).toEqual(
      Array(farmers).fill('写给农民'),
    );

    await chip(page, 'all').click();
    await expect(cards(page)).toHaveCount(total);
    await expect(page.getByRole('status')).toHaveCount(0);

    // The choice belongs to one topic: another topic starts with all its articles.
    await chip(page, 'farmers').click();
    await page.goto('/topic/emergency');
    await expect(page.getByRole('group', { name: '写给谁看' }).getByRole('button')).toHaveText([
      '全部文章',
      '农民',
      '产业工人',
    ]);
    await expect(chip(page, 'all')).toHaveAttribute('aria-pressed', 'true');
    await chip(page, 'workers').click();
    await expect(page.locator('.article-card__title')).toHaveText(['干活遇到危险，先停下撤离']);
  });

  test('a topic written wholly for one audience has no filter', async ({ page }) => {
    await page.goto('/topic/youth');
    await expect(cards(page).first()).toBeVisible();
    await expect(page.locator('.audience-filter')).toHaveCount(0);
    await expect(page.locator('.article-card__audience').first()).toHaveText('写给青少年');
  });

  for (const [panel, viewport] of Object.entries(PANELS)) {
    test.describe(`${panel} panel`, () => {
      test.use({ viewport });
      for (const lang of LANGUAGES) {
        test(`the filtered health page in large text, ${lang.code}`, async ({ page }) => {
          await page.goto('/topic/health');
          await page.getByRole('button', { name: lang.button }).click();
          await largeText(page);
          await chip(page, 'workers').click();
          await expect(cards(page)).toHaveCount(1);
          await expect(page.getByRole('status')).toBeVisible();
          await expectClean(page, `health filtered ${panel} ${lang.code}`);
          await page.screenshot({
            path: `${SHOTS}/audience-${panel}-${lang.code}.png`,
            animations: 'disabled',
          });
          await chip(page, 'all').click();
          await expectClean(page, `health all ${panel} ${lang.code}`);
        });
      }
    });
  }
});

// New articles, one per language, each with images, a table or a warning box.
const ARTICLES = {
  'zh-CN': 'emergency-numbers-china-vietnam',
  vi: 'lumpy-skin-disease-cattle',
  en: 'stop-work-in-danger',
} as const;

for (const [panel, viewport] of Object.entries(PANELS)) {
  test.describe(`new articles, ${panel} panel`, () => {
    test.use({ viewport });
    for (const lang of LANGUAGES) {
      test(`${ARTICLES[lang.code]} in large text, ${lang.code}`, async ({ page }) => {
        await page.goto(`/article/${ARTICLES[lang.code]}`);
        await page.getByRole('button', { name: lang.button }).click();
        await largeText(page);
        await expect(page.locator('.reader__article h1')).toBeVisible();
        await expectClean(page, `article ${ARTICLES[lang.code]} ${panel} ${lang.code}`);
        await page.screenshot({
          path: `${SHOTS}/hekou-article-${panel}-${lang.code}.png`,
          animations: 'disabled',
        });
      });
    }
  });
}

// Each lesson stopped at the step that matters: the face scan, the password keypad.
const LESSONS = [
  { id: 'pension-face-authentication', steps: 5, total: 9, title: '在手机上做养老金资格认证' },
  { id: 'medical-insurance-e-voucher', steps: 4, total: 11, title: '用手机医保码看病买药' },
] as const;

test('the digital-life page lists the pension and medical insurance lessons', async ({ page }) => {
  await page.goto('/topic/digital');
  for (const lesson of LESSONS) {
    const card = page.locator(`.lesson-card[data-tutorial="${lesson.id}"]`);
    await expect(card).toContainText(lesson.title);
    await expect(card).toContainText(`共 ${lesson.total} 步`);
  }
});

test('the pension lesson asks for a blink, then a nod, and ends with a warning about fraud', async ({
  page,
}) => {
  await openLesson(page, 'pension-face-authentication');
  await tapSteps(page, 5);
  await expect(page.locator('[data-el="tip"]')).toHaveText('请眨眨眼');
  await expect(page.locator('.phone__target')).toHaveAttribute('data-el', 'face');
  await tapThroughStep(page);
  await expect(page.locator('[data-el="tip"]')).toHaveText('请点点头');
  await tapSteps(page, 1);
  await expect(page.locator('.guide__instruction')).toContainText('认证不收费');
  await expect(page.locator('.guide__instruction')).toContainText('就是骗子');
  await tapSteps(page, 2);
  expect(await stepIndex(page)).toBe(-1);
});

test('the medical insurance lesson types a password and shows a parent’s code', async ({ page }) => {
  await openLesson(page, 'medical-insurance-e-voucher');
  await tapSteps(page, 4);
  await expect(page.locator('.phone__screen')).toHaveAttribute('data-action', 'type');
  await expect(page.locator('.guide__chars')).toHaveText('258073');
  await tapSteps(page, 1);
  await expect(page.locator('[data-el="secret"]')).toHaveText('●●●●●●');
  await tapSteps(page, 5);
  await expect(page.locator('[data-el="mother"]')).toContainText('母亲');
  await tapSteps(page, 1);
  expect(await stepIndex(page)).toBe(-1);
});

for (const [panel, viewport] of Object.entries(PANELS)) {
  test.describe(`new lessons, ${panel} panel`, () => {
    test.use({ viewport });
    for (const lesson of LESSONS) {
      for (const lang of LANGUAGES) {
        test(`${lesson.id} in large text, ${lang.code}`, async ({ page, baseURL }) => {
          await openLesson(page, lesson.id, `?hub=${baseURL}`);
          await page.getByRole('button', { name: lang.button }).click();
          await largeText(page);
          await tapSteps(page, lesson.steps);
          await expect(page.locator('.guide__progress')).toBeVisible();
          await expectClean(page, `lesson ${lesson.id} ${panel} ${lang.code}`);
          await page.screenshot({
            path: `${SHOTS}/lesson-${lesson.id}-${panel}-${lang.code}.png`,
            animations: 'disabled',
          });
          while ((await stepIndex(page)) >= 0) await tapSteps(page, 1);
          await expect(page.locator('.done__qr .qr')).toBeVisible();
          await expectClean(page, `lesson end ${lesson.id} ${panel} ${lang.code}`);
        });
      }
    }
  });
}
