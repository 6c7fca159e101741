import { type LessonKey, lessonText } from '../i18n/lessons.ts';
import { useKiosk } from '../stores/kiosk-context.ts';

/** A translate function for the phone lessons' words, bound to the session's language. */
export function useLessonT(): (key: LessonKey, params?: Record<string, string | number>) => string {
  const locale = useKiosk().session.locale.value;
  return (key, params) => lessonText(locale, key, params);
}
