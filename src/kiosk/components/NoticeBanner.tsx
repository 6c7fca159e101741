import { useKiosk, useT } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';
import { isUrgent, useLiveNotices } from './use-notices.ts';

/**
 * Emergency notices over every screen, in the resident's language, with a button that reads
 * the notice aloud when this language has a voice.
 */
export function NoticeBanner() {
  const { session, speech } = useKiosk();
  const t = useT();
  const notices = useLiveNotices();
  const locale = session.locale.value;
  const canSpeak = speech.voices.value.has(locale);
  return (
    <div class="notice-banners">
      {notices.map((n) => (
        <section
          key={n.id}
          class={isUrgent(n) ? 'notice-banner notice-banner--urgent' : 'notice-banner'}
          role="alert"
        >
          <p class="notice-banner__label">
            {t('notice.label')} · {t(`notice.${n.severity}`)}
          </p>
          <p class="notice-banner__text">
            <strong>{n.headline[locale]}</strong> {n.instruction[locale]}
          </p>
          {canSpeak && (
            <button
              type="button"
              class="bar-button bar-button--toggle"
              onClick={() => speech.speak(`${n.headline[locale]}. ${n.instruction[locale]}`, locale)}
            >
              <Icon name="speaker" />
              <span>{t('notice.listen')}</span>
            </button>
          )}
        </section>
      ))}
    </div>
  );
}
