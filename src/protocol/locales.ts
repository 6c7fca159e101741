/** Languages the kiosk speaks, in the order shown on the language switch. */
export const LOCALES = ['zh-CN', 'vi', 'en'] as const;

/** One of the kiosk's languages (a BCP 47 tag). */
export type Locale = (typeof LOCALES)[number];

/** True when a value names one of the kiosk's languages. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
