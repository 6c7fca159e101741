import { useEffect, useState } from 'preact/hooks';
import { TOPICS } from '../../protocol/topics.ts';
import { Icon } from '../components/Icon.tsx';
import { lazyPart } from '../components/LazyScreen.tsx';
import { useLiveNotices } from '../components/use-notices.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

// Loaded only while a notice is in force (notices arrive after the first screen anyway).
const NoticeCard = lazyPart(() => import('../components/AttractNotice.tsx').then((m) => m.AttractNotice));

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
