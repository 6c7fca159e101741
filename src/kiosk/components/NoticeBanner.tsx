import { noticeWords } from '../../protocol/notice-words.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';
import { FallbackNote, noticeLabel, noticeSpeech } from './NoticeParts.tsx';
import { noticeT } from './use-notice-t.ts';
import { isUrgent, useLiveNotices } from './use-notices.ts';

/**
 * Emergency notices over every screen until they end, in the resident's language (or Chinese
 * with a note when the notice lacks it), with a button that reads the notice aloud when that
 * language has a voice. Loaded only once a notice is in force.
 */
export function NoticeBanner() {
  const { session, speech } = useKiosk();
  const locale = session.locale.value;
  const t = noticeT(locale);
  const notices = useLiveNotices();
  return (
    <div class="notice-banners">
      {notices.map((n) => {
        const w = noticeWords(n, locale);
        const spoken = noticeSpeech(n, locale);
        return (
          <section
            key={n.id}
            class={isUrgent(n) ? 'notice-banner notice-banner--urgent' : 'notice-banner'}
            role="alert"
          >
            <p class="notice-banner__label">{noticeLabel(n, t)}</p>
            <p class="notice-banner__text" lang={w.locale}>
              <strong>{w.headline}</strong> {w.instruction}
              <FallbackNote notice={n} locale={locale} t={t} />
            </p>
            {speech.voices.value.has(spoken.locale) && (
              <button
                type="button"
                class="bar-button bar-button--toggle"
                onClick={() => speech.speak(spoken.text, spoken.locale)}
              >
                <Icon name="speaker" />
                <span>{t('notice.listen')}</span>
              </button>
            )}
          </section>
        );
      })}
    </div>
  );
}
