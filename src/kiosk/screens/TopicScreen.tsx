import type { TopicId } from '../../protocol/topics.ts';
import { Icon } from '../components/Icon.tsx';
import { ReadAloud } from '../components/ReadAloud.tsx';
import { useT } from '../stores/kiosk-context.ts';

/** One area's page. Lists its articles once content packs exist (content issue). */
export function TopicScreen({ topic }: { topic: TopicId }) {
  const t = useT();
  return (
    <article class="topic" data-topic={topic}>
      <ReadAloud text={`${t(`topic.${topic}`)}. ${t(`topic.${topic}.tagline`)}. ${t('topic.empty')}`} />
      <header class="topic__header">
        <span class="tile__icon">
          <Icon name={topic} />
        </span>
        <div>
          <h1>{t(`topic.${topic}`)}</h1>
          <p class="topic__tagline">{t(`topic.${topic}.tagline`)}</p>
        </div>
      </header>
      <p class="empty-state">{t('topic.empty')}</p>
    </article>
  );
}
