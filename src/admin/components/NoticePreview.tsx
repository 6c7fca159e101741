import type { Locale } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { useT } from '../context.ts';
import { translate } from '../i18n/index.ts';

type Draft = Pick<Notice, 'severity' | 'headline' | 'instruction'>;

/** The notice as a kiosk shows it: the banner over every screen, and the attract screen's card. */
export function NoticePreview({ notice, locale }: { notice: Draft; locale: Locale }) {
  const t = useT();
  const headline = notice.headline[locale] || '…';
  const instruction = notice.instruction?.[locale] || '…';
  const urgent = notice.severity === 'extreme' || notice.severity === 'severe';
  const label = translate(locale, 'notices.kioskLabel');
  return (
    <div class="notice-preview" lang={locale}>
      <p class="muted">{t('notices.previewBanner')}</p>
      <div class={`kiosk-banner ${urgent ? 'kiosk-banner--urgent' : ''}`}>
        <span class="kiosk-banner__label">
          <span aria-hidden="true">⚠ </span>
          {label}
        </span>
        <span class="kiosk-banner__text">
          <strong>{headline}</strong> {instruction}
        </span>
      </div>
      <p class="muted">{t('notices.previewAttract')}</p>
      <div class={`kiosk-card ${urgent ? 'kiosk-card--urgent' : ''}`}>
        <p class="kiosk-card__label">
          <span aria-hidden="true">⚠ </span>
          {label}
        </p>
        <p class="kiosk-card__headline">{headline}</p>
        <p class="kiosk-card__instruction">{instruction}</p>
      </div>
    </div>
  );
}
