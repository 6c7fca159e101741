import type { Locale } from '../../../protocol/locales.ts';
import { fill } from '../index.ts';
import { noticeEn } from './en.ts';
import type { NoticeMessageKey, NoticeMessages } from './messages.ts';
import { noticeVi } from './vi.ts';
import { noticeZhCN } from './zh-CN.ts';

export type { NoticeMessageKey, NoticeMessages } from './messages.ts';

/**
 * The words of emergency notices (banner, attract card, alarm). They load with the notice
 * components, which load only once a notice is in force, so the first download stays small.
 */
export const NOTICE_DICTIONARIES: Record<Locale, NoticeMessages> = {
  'zh-CN': noticeZhCN,
  vi: noticeVi,
  en: noticeEn,
};

/** Looks up a notice message and fills `{name}` placeholders. */
export function translateNotice(
  locale: Locale,
  key: NoticeMessageKey,
  params?: Record<string, string | number>,
): string {
  return fill(locale, NOTICE_DICTIONARIES[locale][key], params);
}
