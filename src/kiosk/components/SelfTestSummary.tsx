import {
  SELFTEST_LEVEL_VALUES,
  SELFTEST_WEIGHTS,
  selfTestLevel,
  selfTestScore,
} from '../../protocol/selftest.ts';
import { dimensionTally } from '../data/quiz-engine.ts';
import type { QuizStore } from '../stores/quiz-store.ts';
import { useQuizT } from './use-quiz-t.ts';

/** The words the self-test's result says aloud: score and level. */
export function selfTestSpoken(store: QuizStore, t: ReturnType<typeof useQuizT>): string {
  const score = selfTestScore(dimensionTally(store.items, store.rights.value));
  const level = selfTestLevel(score);
  return `${t('selftest.score', { score })} ${t('selftest.levelTitle')}: ${t(`selftest.level.${level}`)}.`;
}

/**
 * The self-test's result: the weighted score of 100, the level it falls in on the national
 * survey's scale (55, 70, 85) with the other levels shown beside it, right answers per area with
 * the area's weight, and the note that this is a self-check.
 */
export function SelfTestSummary({ store }: { store: QuizStore }) {
  const t = useQuizT();
  const tally = dimensionTally(store.items, store.rights.value);
  const score = selfTestScore(tally);
  const level = selfTestLevel(score);
  return (
    <div class="selftest-summary">
      <p class="quiz-result__score">
        <span class="quiz-result__fraction" aria-hidden="true">
          {t('selftest.scoreShort', { score })}
        </span>
        <span>{t('selftest.score', { score })}</span>
      </p>
      <p>{t('quiz.score', { right: store.right.value, total: store.total })}</p>
      <h3>{t('selftest.levelTitle')}</h3>
      <ol class="levels" aria-label={t('selftest.levelTitle')}>
        {SELFTEST_LEVEL_VALUES.map((l) => (
          <li key={l} class={l === level ? 'levels__item levels__item--here' : 'levels__item'}>
            {l === level && <span class="visually-hidden">{t('quiz.yourAnswer')}: </span>}
            <strong>{t(`selftest.level.${l}`)}</strong>
            <span>{t(`selftest.levelRange.${l}`)}</span>
          </li>
        ))}
      </ol>
      <p class="quiz-note">{t('selftest.levelsNote')}</p>
      <h3>{t('selftest.byArea')}</h3>
      <ul class="tally">
        {tally.map((d) => (
          <li key={d.dimension}>
            <span>{t(`dimension.${d.dimension}`)}</span>
            <strong>
              {t('selftest.areaPoints', {
                right: d.right,
                total: d.total,
                weight: SELFTEST_WEIGHTS[d.dimension],
              })}
            </strong>
          </li>
        ))}
      </ul>
      <p class="quiz-note">{t('selftest.note')}</p>
    </div>
  );
}
