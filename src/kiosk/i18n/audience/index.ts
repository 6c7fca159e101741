import type { Audience } from '../../../protocol/content-doc.ts';
import type { Locale } from '../../../protocol/locales.ts';
import { fill } from '../index.ts';
import { audienceEn } from './en.ts';
import type { AudienceMessageKey, AudienceMessages } from './messages.ts';
import { audienceVi } from './vi.ts';
import { audienceZhCN } from './zh-CN.ts';

export type { AudienceMessageKey, AudienceMessages } from './messages.ts';

/**
 * Who an article is written for, as the topic pages say it. These words load with the topic
 * screen, not the first screen, so the kiosk's first download stays within its budget.
 */
export const AUDIENCE_DICTIONARIES: Record<Locale, AudienceMessages> = {
  'zh-CN': audienceZhCN,
  vi: audienceVi,
  en: audienceEn,
};

/** An audience other than everyone: the ones a topic page can filter by and a card can name. */
export type TargetAudience = Exclude<Audience, 'all'>;

/** Looks up an audience message and fills `{name}` placeholders (numbers formatted for the locale). */
export function translateAudience(
  locale: Locale,
  key: AudienceMessageKey,
  params?: Record<string, string | number>,
): string {
  return fill(locale, AUDIENCE_DICTIONARIES[locale][key], params);
}
