import { useState } from 'preact/hooks';
import type { TopicId } from '../../protocol/topics.ts';
import { ArticleCard } from '../components/ArticleCard.tsx';
import { AudienceFilter } from '../components/AudienceFilter.tsx';
import { Icon } from '../components/Icon.tsx';
import { LessonList } from '../components/LessonList.tsx';
import { ReadAloud } from '../components/ReadAloud.tsx';
import { useLessonT } from '../components/use-lesson-t.ts';
import { useLoad } from '../components/use-load.ts';
import type { TargetAudience } from '../i18n/audience/index.ts';
import { audienceChoices, entriesFor } from '../stores/audience-filter.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

/** One area's page: its articles, with covers, in the resident's language; digital life also lists the phone lessons. */
export function TopicScreen({ topic }: { topic: TopicId }) {
  const { content, session } = useKiosk();
  const t = useT();
  const lt = useLessonT();
  const locale = session.locale.value;
  const catalog = useLoad(() => content.catalog(), []);
  const all = catalog.status === 'ready' ? catalog.value.articles.filter((a) => a.topic === topic) : [];
  const audiences = audienceChoices(all);
  const [choice, setChoice] = useState<{ topic: TopicId; audience: TargetAudience } | null>(null);
  const chosen = choice?.topic === topic && audiences.includes(choice.audience) ? choice.audience : null;
  const entries = entriesFor(all, chosen);
  const lessonList = useLoad(
    () => (topic === 'digital' ? content.tutorials() : Promise.resolve({ tutorials: [] })),
    [topic],
  );
  const lessons = lessonList.status === 'ready' ? lessonList.value.tutorials : [];
  const titles = [...lessons, ...entries].map((e) => e.title[locale]).join('. ');

  return (
    <article class="topic" data-topic={topic}>
      <ReadAloud text={`${t(`topic.${topic}`)}. ${t(`topic.${topic}.tagline`)}. ${titles}`} />
      <header class="topic__header">
        <span class="tile__icon">
          <Icon name={topic} />
        </span>
        <div>
          <h1>{t(`topic.${topic}`)}</h1>
          <p class="topic__tagline">
            {t(`topic.${topic}.tagline`)}
            {all.length > 0 && ` · ${t('topic.count', { count: all.length })}`}
          </p>
        </div>
      </header>
      {catalog.status === 'loading' && (
        <p class="screen-status" role="status">
          {t('screen.loading')}
        </p>
      )}
      {catalog.status === 'failed' && (
        <p class="empty-state" role="alert">
          {t('content.unavailable')}
        </p>
      )}
      {lessons.length > 0 && <LessonList lessons={lessons} />}
      {lessons.length > 0 && entries.length > 0 && <h2 class="section-title">{lt('lesson.articles')}</h2>}
      {catalog.status === 'ready' && all.length === 0 && <p class="empty-state">{t('topic.empty')}</p>}
      {audiences.length > 0 && (
        <AudienceFilter
          audiences={audiences}
          chosen={chosen}
          shown={entries.length}
          onChoose={(audience) => setChoice(audience ? { topic, audience } : null)}
        />
      )}
      {entries.length > 0 && (
        <ul class="article-list" aria-label={t('topic.listLabel')}>
          {entries.map((entry) => (
            <ArticleCard key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </article>
  );
}
