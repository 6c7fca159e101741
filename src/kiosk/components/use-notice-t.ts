import type { Locale } from '../../protocol/locales.ts';
import { type MessageKey, translate } from '../i18n/index.ts';
import { NOTICE_DICTIONARIES, type NoticeMessageKey, translateNotice } from '../i18n/notices/index.ts';

/** Any word a notice shows: the notices' own dictionary, or the kiosk's main one. */
export type NoticeT = (
  key: MessageKey | NoticeMessageKey,
  params?: Record<string, string | number>,
) => string;

/** A translate function for notices in one language. */
export function noticeT(locale: Locale): NoticeT {
  return (key, params) =>
    key in NOTICE_DICTIONARIES[locale]
      ? translateNotice(locale, key as NoticeMessageKey, params)
      : translate(locale, key as MessageKey, params);
}
