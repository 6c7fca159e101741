import { QUIZ_DIMENSIONS, type QuizBank } from '../protocol/quiz-doc.ts';
import {
  type Dimension,
  SELFTEST_BANK_MIN,
  SELFTEST_DIFFICULTY_MIX,
  SELFTEST_DRAW,
} from '../protocol/selftest.ts';

/** How many questions the self-test can draw from in one dimension, in all and per difficulty. */
export interface DimensionBank {
  dimension: Dimension;
  questions: number;
  /** Questions of difficulty 1, 2 and 3. */
  byDifficulty: [number, number, number];
  /** What the design asks for: five times the draw. */
  needed: number;
  /** A difficulty with fewer questions than one test draws of it (the draw then borrows). */
  shortDifficulties: number[];
}

/** The self-test's bank per dimension across every quiz bank of a pack. */
export function selfTestBank(banks: readonly QuizBank[]): DimensionBank[] {
  const questions = banks.flatMap((b) => b.questions);
  return QUIZ_DIMENSIONS.map((dimension) => {
    const pool = questions.filter((q) => q.dimension === dimension);
    const byDifficulty = [1, 2, 3].map((d) => pool.filter((q) => q.difficulty === d).length) as [
      number,
      number,
      number,
    ];
    const mix = SELFTEST_DIFFICULTY_MIX[SELFTEST_DRAW[dimension]] ?? [0, 0, 0];
    return {
      dimension,
      questions: pool.length,
      byDifficulty,
      needed: SELFTEST_BANK_MIN[dimension],
      shortDifficulties: [1, 2, 3].filter((_, i) => (byDifficulty[i] ?? 0) < 5 * (mix[i] ?? 0)),
    };
  });
}

/** Lines for `content check`: each dimension's bank against what the design needs. */
export function formatSelfTestBank(bank: readonly DimensionBank[]): string[] {
  return bank.map((d) => {
    const [easy, medium, hard] = d.byDifficulty;
    const short =
      d.shortDifficulties.length > 0
        ? `; difficulty ${d.shortDifficulties.join(', ')} below five times its draw`
        : '';
    const verdict = d.questions >= d.needed ? `ok${short}` : `SHORT${short}`;
    return `self-test ${d.dimension}: ${d.questions} questions (easy ${easy}, medium ${medium}, hard ${hard}); draws ${SELFTEST_DRAW[d.dimension]}, bank needs ${d.needed}: ${verdict}`;
  });
}
