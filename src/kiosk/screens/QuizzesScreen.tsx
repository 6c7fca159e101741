import { Icon } from '../components/Icon.tsx';
import { ReadAloud } from '../components/ReadAloud.tsx';
import { useT } from '../stores/kiosk-context.ts';

/** The quiz area. Offers quiz modes once the question bank is compiled (quiz issue). */
export function QuizzesScreen() {
  const t = useT();
  return (
    <article class="topic" data-topic="quizzes">
      <ReadAloud text={`${t('topic.quizzes')}. ${t('quizzes.empty')}`} />
      <header class="topic__header">
        <span class="tile__icon">
          <Icon name="quizzes" />
        </span>
        <div>
          <h1>{t('topic.quizzes')}</h1>
          <p class="topic__tagline">{t('topic.quizzes.tagline')}</p>
        </div>
      </header>
      <p class="empty-state">{t('quizzes.empty')}</p>
    </article>
  );
}
