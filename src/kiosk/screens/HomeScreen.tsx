import { TOPICS } from '../../protocol/topics.ts';
import { ReadAloud } from '../components/ReadAloud.tsx';
import { TopicTile } from '../components/TopicTile.tsx';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

/** The start screen: notices and one big tile per area. */
export function HomeScreen() {
  const { session } = useKiosk();
  const t = useT();
  return (
    <div class="home">
      <ReadAloud text={`${t('home.title')} ${t('home.noNotices')}`} />
      <section class="notice-area" aria-label={t('home.noticesLabel')}>
        <p>{t('home.noNotices')}</p>
      </section>
      <h1 class="home__title">{t('home.title')}</h1>
      <ul class="tiles" aria-label={t('home.tilesLabel')}>
        {TOPICS.map((topic) => (
          <TopicTile
            key={topic}
            icon={topic}
            label={`topic.${topic}`}
            tagline={`topic.${topic}.tagline`}
            onSelect={() => session.go({ name: 'topic', topic })}
          />
        ))}
        <TopicTile
          icon="quizzes"
          label="topic.quizzes"
          tagline="topic.quizzes.tagline"
          onSelect={() => session.go({ name: 'quizzes' })}
          wide
        />
      </ul>
    </div>
  );
}
