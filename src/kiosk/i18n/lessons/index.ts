import type { Locale } from '../../../protocol/locales.ts';
import { fill } from '../index.ts';
import { lessonEn } from './en.ts';
import type { LessonMessageKey, LessonMessages } from './messages.ts';
import { lessonVi } from './vi.ts';
import { lessonZhCN } from './zh-CN.ts';

export type { LessonMessageKey, LessonMessages } from './messages.ts';

/**
 * The phone lessons' words. They load with the lesson screens, not with the first screen, so the
 * kiosk's first download stays within its budget; same rules as the main dictionaries.
 */
export const LESSON_DICTIONARIES: Record<Locale, LessonMessages> = {
  'zh-CN': lessonZhCN,
  vi: lessonVi,
  en: lessonEn,
};

/** Looks up a lesson message and fills `{name}` placeholders (numbers formatted for the locale). */
export function translateLesson(
  locale: Locale,
  key: LessonMessageKey,
  params?: Record<string, string | number>,
): string {
  return fill(locale, LESSON_DICTIONARIES[locale][key], params);
}
