import type { Locale } from '../../../protocol/locales.ts';
import { fill } from '../index.ts';
import { quizEn } from './en.ts';
import type { QuizMessageKey, QuizMessages } from './messages.ts';
import { quizVi } from './vi.ts';
import { quizZhCN } from './zh-CN.ts';

export type { QuizMessageKey, QuizMessages } from './messages.ts';

/**
 * The quiz area's words. They load with the quiz screens, not with the first screen, so the
 * kiosk's first download stays within its budget; same rules as the main dictionaries.
 */
export const QUIZ_DICTIONARIES: Record<Locale, QuizMessages> = { 'zh-CN': quizZhCN, vi: quizVi, en: quizEn };

/** Looks up a quiz message and fills `{name}` placeholders (numbers formatted for the locale). */
export function translateQuiz(
  locale: Locale,
  key: QuizMessageKey,
  params?: Record<string, string | number>,
): string {
  return fill(locale, QUIZ_DICTIONARIES[locale][key], params);
}
