import { LOCALES, type Locale } from './locales.ts';
import type { Notice } from './notice.ts';

// Kept apart from notice.ts (the schema), so a screen that only shows a notice does not load valibot.

/** The order a notice's language is chosen in: the wanted one, then Chinese, then any. */
export function noticeLocale(notice: Pick<Notice, 'headline'>, wanted: Locale): Locale {
  if (notice.headline[wanted] !== undefined) return wanted;
  if (notice.headline['zh-CN'] !== undefined) return 'zh-CN';
  return LOCALES.find((l) => notice.headline[l] !== undefined) ?? 'zh-CN';
}

/** A notice's words in one language (the fallback when it lacks `wanted`), and whether it fell back. */
export function noticeWords(notice: Notice, wanted: Locale) {
  const locale = noticeLocale(notice, wanted);
  return {
    locale,
    fallback: locale !== wanted,
    headline: notice.headline[locale] ?? '',
    description: notice.description?.[locale] ?? '',
    instruction: notice.instruction?.[locale] ?? '',
    area: notice.area?.[locale] ?? '',
    sender: notice.sender?.[locale] ?? '',
  };
}

/** What identifies one version of a notice: a kiosk's "I have read it" is for this. */
export function noticeVersionKey(notice: Pick<Notice, 'id' | 'revision'>): string {
  return `${notice.id}#${notice.revision ?? 1}`;
}
