import { useEffect, useState } from 'preact/hooks';
import { TOPICS } from '../../protocol/topics.ts';
import { Icon } from '../components/Icon.tsx';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

const SLIDE_MS = 8000;

/**
 * Shown when nobody is using the kiosk: a calm loop of the areas. The whole screen is one
 * button; the first tap starts a fresh session on the home screen.
 */
export function AttractScreen() {
  const { idle, config } = useKiosk();
  const t = useT();
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => (i + 1) % TOPICS.length), SLIDE_MS);
    return () => clearInterval(timer);
  }, []);
  const topic = TOPICS[index] ?? 'health';

  return (
    <main class="attract" data-topic={topic}>
      <h1 class="attract__title">
        {config.value.stationName} · {t('app.name')}
      </h1>
      <button type="button" class="attract__button" onClick={idle.resume}>
        <span class="attract__slide" key={topic}>
          <span class="attract__icon">
            <Icon name={topic} />
          </span>
          <span class="attract__label">{t(`topic.${topic}`)}</span>
          <span class="attract__tagline">{t(`topic.${topic}.tagline`)}</span>
        </span>
        <span class="attract__start">
          <Icon name="hand" />
          {t('attract.start')}
        </span>
        <span class="attract__subtitle">{t('attract.subtitle')}</span>
      </button>
    </main>
  );
}
