import * as v from 'valibot';
import { LOCALES, type Locale } from './locales.ts';

/** CAP 1.2's severities (lower-cased); `unknown` is shown without a severity word. */
export const SEVERITIES = ['extreme', 'severe', 'moderate', 'minor', 'unknown'] as const;
export const URGENCIES = ['immediate', 'expected', 'future', 'past', 'unknown'] as const;
export const CERTAINTIES = ['observed', 'likely', 'possible', 'unlikely', 'unknown'] as const;
/** `exercise` and `test` notices reach only kiosks of a test group, and say so on screen. */
export const NOTICE_STATUSES = ['actual', 'exercise', 'test'] as const;

/** Text in some of the kiosk's languages: at least one, each non-empty. */
const SomeLanguages = (max: number) =>
  v.pipe(
    v.strictObject({
      'zh-CN': v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(max))),
      vi: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(max))),
      en: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(max))),
    }),
    v.check((t) => LOCALES.some((l) => t[l] !== undefined), 'needs text in at least one language'),
  );
export type NoticeText = Partial<Record<Locale, string>>;

/**
 * An emergency notice, after CAP 1.2's info block: severity, urgency, certainty, headline,
 * description, instruction, area and sender, onset and expiry. Typed in the console in all
 * three languages; from a CAP feed or a partner system in the languages it came in.
 * `revision` grows with every update, so a kiosk knows the alarm is new again.
 */
export const NoticeSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/)),
  severity: v.picklist(SEVERITIES),
  urgency: v.picklist(URGENCIES),
  certainty: v.optional(v.picklist(CERTAINTIES)),
  status: v.optional(v.picklist(NOTICE_STATUSES)),
  headline: SomeLanguages(200),
  description: v.optional(SomeLanguages(2000)),
  instruction: v.optional(SomeLanguages(1000)),
  area: v.optional(SomeLanguages(400)),
  sender: v.optional(SomeLanguages(200)),
  onset: v.pipe(v.string(), v.isoTimestamp()),
  expires: v.pipe(v.string(), v.isoTimestamp()),
  revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
});
export type Notice = v.InferOutput<typeof NoticeSchema>;
