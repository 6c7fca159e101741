import { type MessageKey, translate } from '../i18n/index.ts';
import { QUIZ_DICTIONARIES, type QuizMessageKey, translateQuiz } from '../i18n/quiz/index.ts';
import { useKiosk } from '../stores/kiosk-context.ts';

/** Any word a quiz screen shows: the quiz area's own dictionary, or the kiosk's main one. */
export type QuizT = (key: MessageKey | QuizMessageKey, params?: Record<string, string | number>) => string;

/** A translate function for the quiz screens, bound to the session's language. */
export function useQuizT(): QuizT {
  const locale = useKiosk().session.locale.value;
  return (key, params) =>
    key in QUIZ_DICTIONARIES[locale]
      ? translateQuiz(locale, key as QuizMessageKey, params)
      : translate(locale, key as MessageKey, params);
}
