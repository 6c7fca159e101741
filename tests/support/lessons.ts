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
