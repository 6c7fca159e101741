import type { Locale } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { noticeWords } from '../../protocol/notice-words.ts';
import type { NoticeT } from './use-notice-t.ts';

/** The label of a notice: "紧急通知 · 特别严重", with the drill mark for an exercise or test. */
export function noticeLabel(notice: Notice, t: NoticeT): string {
  const severity = notice.severity === 'unknown' ? '' : ` · ${t(`notice.${notice.severity}`)}`;
  const drill =
    notice.status === 'exercise' || notice.status === 'test' ? ` · ${t(`notice.${notice.status}`)}` : '';
  return `${t('notice.label')}${severity}${drill}`;
}

/** The text read aloud for a notice, in the language it is shown in. */
export function noticeSpeech(notice: Notice, locale: Locale): { text: string; locale: Locale } {
  const w = noticeWords(notice, locale);
  return { text: [w.headline, w.description, w.instruction].filter(Boolean).join('. '), locale: w.locale };
}

/** The note under a notice shown in another language than the resident's, or null. */
export function FallbackNote({ notice, locale, t }: { notice: Notice; locale: Locale; t: NoticeT }) {
  const w = noticeWords(notice, locale);
  if (!w.fallback) return null;
  return (
    <span class="notice-fallback" lang={locale}>
      {t('notice.fallback', { language: t(`lang.${w.locale}`) })}
    </span>
  );
}
