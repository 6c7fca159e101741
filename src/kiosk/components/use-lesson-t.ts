import { type LessonMessageKey, translateLesson } from '../i18n/lessons/index.ts';
import { useKiosk } from '../stores/kiosk-context.ts';

/** A translate function for the phone lessons' words, bound to the session's language. */
export function useLessonT(): (key: LessonMessageKey, params?: Record<string, string | number>) => string {
  const locale = useKiosk().session.locale.value;
  return (key, params) => translateLesson(locale, key, params);
}
