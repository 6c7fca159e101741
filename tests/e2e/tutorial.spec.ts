import { installFakeSpeech, speechLog } from '../support/fake-speech.ts';
import { expectAxeClean, horizontalOverflow, smallTargets, tiles } from '../support/kiosk.ts';
import {
  lessonIds,
  openLesson,
  openLessonOnStillClock,
  stepIndex,
  tapSteps,
  tapThroughStep,
} from '../support/lessons.ts';
import { expect, test } from '../support/test.ts';

const LESSONS = [
  'video-call-family',
  'larger-text',
  'fraud-call-hang-up',
  'qr-pay-safely',
  'photo-to-family',
  'connect-wifi',
  'voice-input-message',
  'hospital-appointment',
  'pension-face-authentication',
  'medical-insurance-e-voucher',
];

test('the digital-life page lists the ten phone lessons, each opening the player', async ({ page }) => {
  expect(await lessonIds(page)).toEqual(LESSONS);
  await expect(page.getByRole('heading', { level: 2, name: '手机课堂' })).toBeVisible();
  await expect(page.locator('.lesson-card').first()).toContainText('共 7 步');
  // The articles are still there, under their own heading.
  await expect(page.getByRole('heading', { level: 2, name: '文章' })).toBeVisible();
  expect(await page.locator('.article-card').count()).toBeGreaterThanOrEqual(6);
  expect(await smallTargets(page)).toEqual([]);
  await expectAxeClean(page, 'digital topic with lessons');
  await page.locator('.lesson-card').nth(2).click();
  await expect(page).toHaveURL(/\/tutorial\/fraud-call-hang-up$/);
  await expect(page.locator('.guide__progress')).toContainText('第 1 步，共 7 步');
});

test('every lesson can be completed by tapping its targets alone', async ({ page }) => {
  test.setTimeout(120_000);
  for (const id of LESSONS) {
    await openLesson(page, id);
    const total = Number(
      ((await page.locator('.guide__progress').textContent()) ?? '').match(/共 (\d+) 步/)?.[1],
    );
    expect(total, id).toBeGreaterThanOrEqual(5);
    expect(total, id).toBeLessThanOrEqual(15);
    for (let i = 0; i < total; i++) {
      expect(await stepIndex(page), id).toBe(i);
      await expect(page.locator('.guide__progress')).toContainText(`第 ${i + 1} 步`);
      await tapThroughStep(page);
    }
    await expect(page.getByRole('heading', { level: 1, name: '做得好！' }), id).toBeVisible();
    // No hub address in the launch URL: no QR code to take home.
    await expect(page.locator('.qr')).toHaveCount(0);
  }
});

test('a wrong tap shows kind help, lights the target and does not advance', async ({ page }) => {
  await openLesson(page, 'video-call-family');
  await expect(page.locator('.guide__hint')).toHaveCount(0);
  await page.locator('[data-el="camera"]').click();
  const hint = page.locator('.guide__hint');
  await expect(hint).toHaveText('没关系，再试一次。 请点一下亮起的地方。');
  await expect(page.locator('.phone__target')).toHaveClass(/is-hinted/);
  expect(await stepIndex(page)).toBe(0);
  await expect(page.locator('.guide__progress')).toContainText('第 1 步');
  expect(await smallTargets(page)).toEqual([]);
  await expectAxeClean(page, 'lesson with a hint');
  // The right tap moves on and the hint goes away.
  await page.locator('.phone__target').click();
  expect(await stepIndex(page)).toBe(1);
  await expect(hint).toHaveCount(0);
});

test('a wrong key does not type; the lit keys type in order', async ({ page }) => {
  await openLesson(page, 'fraud-call-hang-up');
  await tapSteps(page, 4);
  await expect(page.locator('.guide__chars')).toHaveText('96110');
  await expect(page.locator('.ph-key.is-next')).toHaveText('9');
  await page.locator('.ph-key[data-key="5"]').click();
  await expect(page.locator('.guide__hint')).toContainText('请按亮起的那个键');
  await expect(page.locator('[data-el="number"]')).toHaveText('输入号码');
  for (const key of '961') await page.locator('.ph-key.is-next', { hasText: key }).click();
  await expect(page.locator('[data-el="number"]')).toHaveText('961');
  await expect(page.locator('.guide__chars .is-typed')).toHaveCount(3);
  expect(await stepIndex(page)).toBe(4);
});

test('swipes and long presses work as real gestures; a plain tap on them shows help', async ({ page }) => {
  await openLesson(page, 'connect-wifi');
  const status = page.locator('.phone__target');
  const box = await status.boundingBox();
  if (!box) throw new Error('no target');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  // Up is the wrong way.
  await page.mouse.move(x, y + 200);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator('.guide__hint')).toContainText('也可以点「向下滑」按钮');
  expect(await stepIndex(page)).toBe(0);
  // Down from the top edge opens the quick settings.
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 300, { steps: 10 });
  await page.mouse.up();
  await expect.poll(() => stepIndex(page)).toBe(1);

  const tile = page.locator('.phone__target');
  await tile.click();
  await expect(page.locator('.guide__hint')).toContainText('请按住亮起的地方不放');
  expect(await stepIndex(page)).toBe(1);
  const t = await tile.boundingBox();
  if (!t) throw new Error('no tile');
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(1000);
  await page.mouse.up();
  await expect.poll(() => stepIndex(page)).toBe(2);
  await expect(page.locator('.guide__hint')).toHaveCount(0);
});

test('back one step and start over', async ({ page }) => {
  await openLesson(page, 'larger-text');
  await expect(page.getByRole('button', { name: '上一步' })).toBeDisabled();
  await tapSteps(page, 3);
  await page.getByRole('button', { name: '上一步' }).click();
  expect(await stepIndex(page)).toBe(2);
  await expect(page.locator('.guide__instruction')).toHaveText(/显示和亮度/);
  await page.getByRole('button', { name: '从头开始' }).click();
  expect(await stepIndex(page)).toBe(0);
  await expect(page.locator('[data-el="settings"]')).toBeVisible();
});

test('each step is read aloud when a voice exists, and Listen again repeats it', async ({ page }) => {
  await installFakeSpeech(page);
  // The lesson speaks a hint after 8 s without progress, and a busy machine can take that long
  // between two steps of this test, so the page's clock moves only when told: half a second
  // after each action (for the screen's effects).
  await openLessonOnStillClock(page, 'photo-to-family');
  await page.clock.runFor(500);
  await expect.poll(async () => (await speechLog(page)).spoken.at(-1)).toBe('点「相机」。');
  await tapThroughStep(page);
  await page.clock.runFor(500);
  await expect
    .poll(async () => (await speechLog(page)).spoken.at(-1))
    .toBe('两只手拿稳手机，对准要拍的东西。点下面的大圆圈拍照。');
  const before = (await speechLog(page)).spoken.length;
  await page.getByRole('button', { name: '再听一遍' }).click();
  await page.clock.runFor(500);
  await expect.poll(async () => (await speechLog(page)).spoken.length).toBe(before + 1);
  await page.getByRole('button', { name: 'English' }).click();
  await page.clock.runFor(500);
  await expect
    .poll(async () => (await speechLog(page)).spoken.at(-1))
    .toBe(
      'Hold the phone steady with both hands and aim at what you want. Tap the big round button to take the photo.',
    );
  // No hint was ever spoken in between: less than 8 s passed for the page.
  expect((await speechLog(page)).spoken.filter((text) => /慢慢来|没关系|Take your time/.test(text))).toEqual(
    [],
  );
});

test('no voice for the language: no Listen again button', async ({ page }) => {
  await openLesson(page, 'photo-to-family');
  await expect(page.getByRole('button', { name: '从头开始' })).toBeVisible();
  await expect(page.getByRole('button', { name: '再听一遍' })).toHaveCount(0);
});

test('after 8 seconds without progress the target glows; moving on resets the wait', async ({ browser }) => {
  for (const reducedMotion of ['no-preference', 'reduce'] as const) {
    const context = await browser.newContext({ reducedMotion });
    const page = await context.newPage();
    // A still clock: showing the lesson on a busy machine must not count toward the 8 s.
    await openLessonOnStillClock(page, 'hospital-appointment');
    await page.clock.runFor(7_000);
    await expect(page.locator('.guide__hint')).toHaveCount(0);
    await page.clock.runFor(1_500);
    await expect(page.locator('.guide__hint')).toHaveText('慢慢来，不着急。 请点一下亮起的地方。');
    const ring = await page.locator('.phone__target').evaluate((el) => {
      const style = getComputedStyle(el, '::after');
      return { border: style.borderTopWidth, animation: style.animationName };
    });
    expect(ring.border).toBe('8px');
    expect(ring.animation).toBe(reducedMotion === 'reduce' ? 'none' : 'hint-pulse');
    await page.locator('.phone__target').click();
    await expect(page.locator('.guide__hint')).toHaveCount(0);
    await page.clock.runFor(7_000);
    await expect(page.locator('.guide__hint')).toHaveCount(0);
    await context.close();
  }
});

test('an idle reset in the middle of a lesson discards its progress', async ({ page }) => {
  await page.clock.install();
  await openLesson(page, 'qr-pay-safely');
  await tapSteps(page, 4);
  expect(await stepIndex(page)).toBe(4);
  // Default station timings: 90 s to the warning, 30 s of countdown.
  await page.clock.runFor(90_000);
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.clock.runFor(30_000);
  await page.locator('.attract__button').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('今天想了解什么？');
  await tiles(page).nth(3).click();
  await page.locator('.lesson-card[data-tutorial="qr-pay-safely"]').click();
  await expect(page.locator('.phone__screen')).toBeVisible();
  expect(await stepIndex(page)).toBe(0);
  await expect(page.locator('.guide__progress')).toContainText('第 1 步，共 8 步');
  await expect(page.locator('[data-el="money"]')).toHaveCount(0);
});

test('counts a start, each step reached and the completion, for the dashboard', async ({ page }) => {
  await page.clock.install();
  await openLesson(page, 'voice-input-message');
  await tapSteps(page, 2);
  await page.getByRole('button', { name: '上一步' }).click();
  await tapSteps(page, 6);
  await expect(page.locator('.done')).toBeVisible();
  // The idle reset writes the counts to IndexedDB on their way to the hub.
  await page.clock.runFor(120_000);
  await expect(page.locator('.attract__button')).toBeVisible();
  const counters = async () =>
    page.evaluate(
      () =>
        new Promise<Record<string, number>>((resolve, reject) => {
          const open = indexedDB.open('kepu-kiosk');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('pending').objectStore('pending').getAll();
            all.onsuccess = () => {
              const out: Record<string, number> = {};
              for (const c of all.result as { metric: string; key: string; count: number }[]) {
                if (c.metric.startsWith('tutorial_')) out[`${c.metric} ${c.key}`] = c.count;
              }
              resolve(out);
            };
          };
        }),
    );
  await expect.poll(counters).toEqual({
    'tutorial_start voice-input-message': 1,
    ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((i) => [`tutorial_step voice-input-message/${i}`, 1])),
    'tutorial_complete voice-input-message': 1,
  });
});

test('the completion screen offers the steps to take home when a hub is configured', async ({
  page,
  baseURL,
}) => {
  await openLesson(page, 'larger-text', `?hub=${baseURL}`);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await tapSteps(page, 8);
  await expect(page.getByRole('heading', { level: 1, name: 'Giỏi lắm!' })).toBeVisible();
  const qr = page.locator('.done__qr .qr');
  await expect(qr).toBeVisible();
  const url = await qr.getAttribute('data-qr-text');
  expect(url).toBe(`${baseURL}/a/tutorial/larger-text?lang=vi`);
  expect(await smallTargets(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toEqual([]);
  await expectAxeClean(page, 'lesson completion');
  // The code opens the steps on a phone.
  await page.goto(url ?? '');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('ol.steps li')).toHaveCount(8);
  await expect(page.locator('ol.steps li').first()).toHaveText(
    'Tìm biểu tượng bánh răng "Cài đặt" và bấm một lần.',
  );
  // Practise again starts a new run.
  await openLesson(page, 'larger-text');
  expect(await stepIndex(page)).toBe(0);
});
