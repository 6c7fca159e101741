/** Driving the phone lessons in browser tests: only taps, the way a resident can. */
import { expect, type Page } from '@playwright/test';

/** The lesson ids the digital-life page lists, in order. */
export async function lessonIds(page: Page): Promise<string[]> {
  await page.goto('/topic/digital');
  const cards = page.locator('.lesson-card');
  await expect(cards.first()).toBeVisible();
  return cards.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.tutorial ?? ''));
}

/** The index of the step on screen (from 0), or -1 on the completion screen. */
export async function stepIndex(page: Page): Promise<number> {
  if (await page.locator('.done').count()) return -1;
  return Number(await page.locator('.tutorial').getAttribute('data-step'));
}

/** Opens a lesson and waits for its phone. */
export async function openLesson(page: Page, id: string, query = ''): Promise<void> {
  await page.goto(`/tutorial/${id}${query}`);
  await expect(page.locator('.phone__screen')).toBeVisible();
}

/**
 * Opens a lesson with the page's clock standing still: it moves only when the test says
 * (`page.clock.runFor`), a tenth of a second at a time until the lesson shows. The lesson's
 * 8 s hint then cannot race a loaded machine, where even showing the lesson can take seconds.
 */
export async function openLessonOnStillClock(page: Page, id: string): Promise<void> {
  await page.clock.install({ time: new Date('2026-12-01T10:00:00+08:00') });
  await page.clock.pauseAt(new Date('2026-12-01T10:00:05+08:00'));
  await page.goto(`/tutorial/${id}`);
  for (let i = 0; !(await page.locator('.phone__screen').isVisible()); i++) {
    if (i > 100) throw new Error(`lesson ${id} did not show`);
    await page.clock.runFor(100);
  }
}

/**
 * Does the current step by tapping: the lit target, each lit key of a typing step, or the
 * button that stands in for a swipe or a long press.
 */
export async function tapThroughStep(page: Page): Promise<void> {
  const before = await stepIndex(page);
  const action = await page.locator('.phone__screen').getAttribute('data-action');
  if (action === 'type') {
    while ((await stepIndex(page)) === before) await page.locator('.ph-key.is-next').click();
  } else if (action === 'tap') {
    await page.locator('.phone__target').click();
  } else {
    await page.locator('.guide__do').click();
  }
  await expect.poll(() => stepIndex(page)).not.toBe(before);
}

/** Taps through `count` steps. */
export async function tapSteps(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await tapThroughStep(page);
}
