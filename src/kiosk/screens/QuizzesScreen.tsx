import { SELFTEST_SIZE } from '../../protocol/selftest.ts';
import { TOPICS } from '../../protocol/topics.ts';
import { Icon } from '../components/Icon.tsx';
import { QuizTile } from '../components/QuizTile.tsx';
import { ReadAloud } from '../components/ReadAloud.tsx';
import { useQuizT } from '../components/use-quiz-t.ts';
import { DAILY_SIZE, TOPIC_QUIZ_SIZE } from '../data/quiz-engine.ts';
import { useKiosk } from '../stores/kiosk-context.ts';

/** The quiz area: the daily challenge, the self-test (with its plain note) and a quiz per topic. */
export function QuizzesScreen() {
  const { session } = useKiosk();
  const t = useQuizT();
  const heard = [
    t('topic.quizzes'),
    t('quizzes.daily'),
    t('quizzes.selftest'),
    t('selftest.note'),
    t('quizzes.topicsTitle'),
  ];
  return (
    <article class="topic quizzes" data-topic="quizzes">
      <ReadAloud text={heard.join('. ')} />
      <header class="topic__header">
        <span class="tile__icon">
          <Icon name="quizzes" />
        </span>
        <div>
          <h1>{t('topic.quizzes')}</h1>
          <p class="topic__tagline">{t('topic.quizzes.tagline')}</p>
        </div>
      </header>
      <ul class="tiles tiles--two" aria-label={t('quizzes.modesLabel')}>
        <QuizTile
          icon="calendar"
          accent="quizzes"
          label={t('quizzes.daily')}
          tagline={t('quizzes.daily.tagline', { count: DAILY_SIZE })}
          onSelect={() => session.go({ name: 'quiz', quiz: 'daily' })}
        />
        <QuizTile
          icon="selftest"
          accent="selftest"
          label={t('quizzes.selftest')}
          tagline={t('quizzes.selftest.tagline', { count: SELFTEST_SIZE })}
          onSelect={() => session.go({ name: 'quiz', quiz: 'selftest' })}
        />
      </ul>
      <p class="quiz-note">{t('selftest.note')}</p>
      <h2 class="quizzes__title" id="quizzes-topics">
        {t('quizzes.topicsTitle')}
      </h2>
      <ul class="tiles tiles--three" aria-labelledby="quizzes-topics">
        {TOPICS.map((topic) => (
          <QuizTile
            key={topic}
            icon={topic}
            accent={topic}
            label={t(`topic.${topic}`)}
            tagline={t('quizzes.topicTagline', { count: TOPIC_QUIZ_SIZE })}
            onSelect={() => session.go({ name: 'quiz', quiz: `topic:${topic}` })}
          />
        ))}
      </ul>
    </article>
  );
}
