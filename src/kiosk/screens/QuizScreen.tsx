import { useEffect, useState } from 'preact/hooks';
import type { SelfTestAgeBand } from '../../protocol/selftest.ts';
import type { TopicId } from '../../protocol/topics.ts';
import { Icon } from '../components/Icon.tsx';
import { QuizQuestion } from '../components/QuizQuestion.tsx';
import { QuizResult } from '../components/QuizResult.tsx';
import { SelfTestAge } from '../components/SelfTestAge.tsx';
import { useQuizT } from '../components/use-quiz-t.ts';
import { STATION_TIME_ZONE } from '../data/quiz-engine.ts';
import { formatDate } from '../i18n/index.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { createQuizStore, drawQuiz, type QuizStore } from '../stores/quiz-store.ts';
import type { Route } from '../stores/route.ts';

type QuizRoute = Extract<Route, { name: 'quiz' }>;
interface Game {
  store: QuizStore;
  day?: string;
}

// A quiz lives exactly as long as its entry in the session's history: opening a suggested
// article and coming Back finds it again, while Back, Home or an idle reset drop the entry
// (and with it the quiz). A new visit is a new route object, so a new quiz.
const games = new WeakMap<QuizRoute, Game>();

/** A quiz being played: header with progress, the current question, then the result. */
export function QuizScreen({ route }: { route: QuizRoute }) {
  const { content, usage, speech } = useKiosk();
  const t = useQuizT();
  const [game, setGame] = useState<Game | undefined>(() => games.get(route));
  const [state, setState] = useState<'loading' | 'failed' | 'empty'>('loading');
  // The self-test asks the resident's age band first; a new round keeps the answer.
  const [ageBand, setAgeBand] = useState<SelfTestAgeBand | undefined>(() => game?.store.ageBand);
  const asking = route.quiz === 'selftest' && !ageBand;

  useEffect(() => {
    if (game || asking) return;
    let live = true;
    drawQuiz(route.quiz, content).then(
      ({ items, day }) => {
        if (!live) return;
        if (items.length === 0) return setState('empty');
        const next: Game = {
          store: createQuizStore({ quiz: route.quiz, items, usage, ...(ageBand ? { ageBand } : {}) }),
          ...(day ? { day } : {}),
        };
        games.set(route, next);
        setGame(next);
      },
      (error: unknown) => {
        console.error(error);
        if (live) setState('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [game, asking, ageBand, route, content, usage]);
  useEffect(() => () => speech.stop(), [speech]);

  function again(): void {
    games.delete(route);
    setState('loading');
    setGame(undefined);
  }

  const store = game?.store;
  const accent = route.quiz.startsWith('topic:')
    ? route.quiz.slice(6)
    : route.quiz === 'selftest'
      ? 'selftest'
      : 'quizzes';
  let body = (
    <p class="screen-status" role="status">
      {t('screen.loading')}
    </p>
  );
  if (asking) {
    body = <SelfTestAge onChoose={setAgeBand} />;
  } else if (state === 'failed') {
    body = (
      <div class="empty-state" role="alert">
        <p>{t('content.unavailable')}</p>
      </div>
    );
  } else if (state === 'empty') {
    body = <p class="empty-state">{t('quizzes.empty')}</p>;
  } else if (store?.finished.value) {
    body = <QuizResult store={store} onAgain={again} />;
  } else if (store) {
    body = <QuizQuestion store={store} key={store.index.value} />;
  }

  return (
    <div class="quiz" data-topic={accent}>
      <QuizHeader route={route} game={game} />
      {body}
    </div>
  );
}

function QuizHeader({ route, game }: { route: QuizRoute; game: Game | undefined }) {
  const { session } = useKiosk();
  const t = useQuizT();
  const locale = session.locale.value;
  const { quiz } = route;
  const store = game?.store;
  const title = quiz.startsWith('topic:')
    ? t('quiz.topicTitle', { topic: t(`topic.${quiz.slice(6) as TopicId}`) })
    : t(quiz === 'daily' ? 'quizzes.daily' : 'quizzes.selftest');
  const playing = store && !store.finished.value;
  const n = (store?.index.value ?? 0) + 1;
  const total = store?.total ?? 0;

  return (
    <header class="quiz__header">
      <span class="tile__icon">
        <Icon name={quiz === 'daily' ? 'calendar' : quiz === 'selftest' ? 'selftest' : 'quizzes'} />
      </span>
      <div class="quiz__title">
        <h1>{title}</h1>
        {game?.day && (
          <p class="topic__tagline">
            {formatDate(locale, new Date(`${game.day}T12:00:00Z`), STATION_TIME_ZONE)}
          </p>
        )}
        {quiz === 'selftest' && <p class="quiz-note quiz-note--short">{t('selftest.short')}</p>}
      </div>
      {playing && (
        <div class="quiz__progress">
          <p>
            <span aria-hidden="true">{t('quiz.fraction', { n, total })}</span>
            <span class="visually-hidden">{t('quiz.progress', { n, total })}</span>
          </p>
          <span class="quiz__bar" aria-hidden="true">
            <span style={{ width: `${(n / total) * 100}%` }} />
          </span>
        </div>
      )}
    </header>
  );
}
