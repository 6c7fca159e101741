import { useEffect, useRef } from 'preact/hooks';
import { suggestedArticles } from '../data/quiz-engine.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import type { QuizStore } from '../stores/quiz-store.ts';
import { Icon } from './Icon.tsx';
import { ReadAloud } from './ReadAloud.tsx';
import { SelfTestSummary, selfTestSpoken } from './SelfTestSummary.tsx';
import { useLoad } from './use-load.ts';
import { useQuizT } from './use-quiz-t.ts';

/** A kind message for a share of right answers: about this quiz, never a grade of the person. */
function messageKey(right: number, total: number) {
  if (total > 0 && right === total) return 'quiz.message.all' as const;
  const share = total > 0 ? right / total : 0;
  if (share >= 0.7) return 'quiz.message.most' as const;
  return share >= 0.4 ? ('quiz.message.some' as const) : ('quiz.message.few' as const);
}

/** The result: score, a kind message, the self-test's note and areas, and articles to read next. */
export function QuizResult({ store, onAgain }: { store: QuizStore; onAgain: () => void }) {
  const { content, session } = useKiosk();
  const t = useQuizT();
  const locale = session.locale.value;
  const heading = useRef<HTMLHeadingElement>(null);
  const catalog = useLoad(() => content.catalog(), []);
  useEffect(() => heading.current?.focus(), []);

  const right = store.right.value;
  const total = store.total;
  const selftest = store.quiz === 'selftest';
  const entries = catalog.status === 'ready' ? catalog.value.articles : [];
  const suggestions = suggestedArticles(store.items, store.rights.value).flatMap((id) => {
    const entry = entries.find((e) => e.id === id);
    return entry ? [entry] : [];
  });
  const spoken = [
    t('quiz.resultTitle'),
    t('quiz.score', { right, total }),
    t(messageKey(right, total)),
    selftest ? selfTestSpoken(store, t) : '',
  ].join(' ');

  function otherQuizzes(): void {
    session.back();
    if (session.route.value.name !== 'quizzes') session.go({ name: 'quizzes' });
  }

  return (
    <section class="quiz-result" aria-labelledby="quiz-result-title">
      <ReadAloud text={spoken} />
      <div class="quiz-result__summary">
        <h2 id="quiz-result-title" ref={heading} tabIndex={-1}>
          {t('quiz.resultTitle')}
        </h2>
        {selftest ? (
          <SelfTestSummary store={store} />
        ) : (
          <p class="quiz-result__score">
            <span class="quiz-result__fraction" aria-hidden="true">
              {t('quiz.fraction', { n: right, total })}
            </span>
            <span>{t('quiz.score', { right, total })}</span>
          </p>
        )}
        <p class="quiz-result__message">{t(messageKey(right, total))}</p>
      </div>
      {suggestions.length > 0 && (
        <div class="quiz-result__next">
          <h3 id="quiz-suggested">{t('quiz.suggested')}</h3>
          <ul class="suggestions" aria-labelledby="quiz-suggested">
            {suggestions.map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  class="suggestion"
                  onClick={() => session.go({ name: 'article', id: entry.id })}
                >
                  <Icon name="book" />
                  <span>{entry.title[locale]}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="quiz-result__actions">
        <button type="button" class="big-button" onClick={onAgain}>
          <Icon name="again" />
          {t('quiz.again')}
        </button>
        <button type="button" class="big-button big-button--quiet" onClick={otherQuizzes}>
          <Icon name="quizzes" />
          {t('quiz.otherQuizzes')}
        </button>
      </div>
    </section>
  );
}
