import { useEffect, useState } from 'preact/hooks';
import { LOCALES } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { TOPICS } from '../../protocol/topics.ts';
import { Icon } from '../components/Icon.tsx';
import { isUrgent, useLiveNotices } from '../components/use-notices.ts';
import { translate } from '../i18n/index.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

const SLIDE_MS = 8000;

/**
 * Shown when nobody is using the kiosk: a calm loop of the areas, or, while an emergency
 * notice is in force, the notice as a full-screen card in every language. The whole screen
 * is one button; the first tap starts a fresh session on the home screen.
 */
export function AttractScreen() {
  const { idle, config } = useKiosk();
  const t = useT();
  const [index, setIndex] = useState(0);
  const notice = useLiveNotices()[0];
  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => (i + 1) % TOPICS.length), SLIDE_MS);
    return () => clearInterval(timer);
  }, []);
  const topic = TOPICS[index] ?? 'health';

  return (
    <main class={notice ? 'attract attract--notice' : 'attract'} data-topic={topic}>
      <h1 class="attract__title">
        {config.value.stationName} · {t('app.name')}
      </h1>
      <button type="button" class="attract__button" onClick={idle.resume}>
        {notice ? (
          <NoticeCard notice={notice} />
        ) : (
          <span class="attract__slide" key={topic}>
            <span class="attract__icon">
              <Icon name={topic} />
            </span>
            <span class="attract__label">{t(`topic.${topic}`)}</span>
            <span class="attract__tagline">{t(`topic.${topic}.tagline`)}</span>
          </span>
        )}
        <span class="attract__start">
          <Icon name="hand" />
          {t('attract.start')}
        </span>
        {!notice && <span class="attract__subtitle">{t('attract.subtitle')}</span>}
      </button>
    </main>
  );
}

/** The notice in the station's language first, then the other two; read aloud once when it appears. */
function NoticeCard({ notice }: { notice: Notice }) {
  const { config, speech } = useKiosk();
  const first = config.value.defaultLocale;
  const locales = [first, ...LOCALES.filter((l) => l !== first)];
  useEffect(() => {
    speech.speak(`${notice.headline[first]}. ${notice.instruction[first]}`, first);
  }, [notice.id, first, speech]);
  return (
    <span class={isUrgent(notice) ? 'attract-notice attract-notice--urgent' : 'attract-notice'}>
      {locales.map((l, i) => (
        <span key={l} lang={l} class={i === 0 ? 'attract-notice__main' : 'attract-notice__other'}>
          <span class="attract-notice__label">
            {translate(l, 'notice.label')} · {translate(l, `notice.${notice.severity}`)}
          </span>
          <span class="attract-notice__headline">{notice.headline[l]}</span>
          <span class="attract-notice__instruction">{notice.instruction[l]}</span>
        </span>
      ))}
    </span>
  );
}
