import { TOPICS } from '../../protocol/topics.ts';
import { ReadAloud } from '../components/ReadAloud.tsx';
import { TopicTile } from '../components/TopicTile.tsx';
import { useLiveNotices } from '../components/use-notices.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

/** The start screen: "no notices" (or nothing, when the banner shows one) and one big tile per area. */
export function HomeScreen() {
  const { session } = useKiosk();
  const t = useT();
  const locale = session.locale.value;
  // A notice in force is in the banner above every screen (with its own read-aloud, in the
  // language it has); read it aloud here too when it is in the resident's language.
  const notices = useLiveNotices()
    .map((n) => `${t('notice.label')}: ${n.headline[locale] ?? ''} ${n.instruction?.[locale] ?? ''}`)
    .join(' ');
  return (
    <div class="home">
      <ReadAloud text={`${notices || t('home.noNotices')} ${t('home.title')}`} />
      {!notices && (
        <section class="notice-area" aria-label={t('home.noticesLabel')}>
          <p>{t('home.noNotices')}</p>
        </section>
      )}
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
