import type { QUIZ_DIMENSIONS } from './quiz-doc.ts';

/**
 * The science-literacy self-test, shaped like the national survey (中国公民科学素质抽样调查) the
 * county plan measures against: knowledge weighs 40, scientific methods 20, scientific thinking 20
 * and applying science in daily life 20, out of 100, and levels are set at 55, 70 and 85. It is a
 * self-check a resident chooses to take at a kiosk, not the survey: it describes the self-tests
 * taken, never a person and never the population.
 */

export type Dimension = (typeof QUIZ_DIMENSIONS)[number];

/** Points out of 100 for each dimension. */
export const SELFTEST_WEIGHTS: Record<Dimension, number> = {
  knowledge: 40,
  method: 20,
  thinking: 20,
  application: 20,
};

/**
 * Questions drawn per dimension: 20 in all, in the weights' 2:1:1:1 ratio, so every question is
 * worth the same 5 points. 20 is the shortest whole-question test in that ratio whose standard
 * error (about 10 points at a score of 70) stays below the 15-point width of a level band; 10
 * questions would give about 14.
 */
export const SELFTEST_DRAW: Record<Dimension, number> = {
  knowledge: 8,
  method: 4,
  thinking: 4,
  application: 4,
};

/** Questions in a self-test. */
export const SELFTEST_SIZE = Object.values(SELFTEST_DRAW).reduce((a, b) => a + b, 0);

/**
 * The bank each dimension needs: five times what a test draws, so a resident who takes it again
 * meets on average one question in five again (8 of 40 knowledge questions, 4 of 20 of the others).
 */
export const SELFTEST_BANK_MIN: Record<Dimension, number> = {
  knowledge: 5 * SELFTEST_DRAW.knowledge,
  method: 5 * SELFTEST_DRAW.method,
  thinking: 5 * SELFTEST_DRAW.thinking,
  application: 5 * SELFTEST_DRAW.application,
};

/**
 * How many questions of each difficulty (1 easy, 2 medium, 3 hard) a dimension draws, so every
 * test is equally hard and two residents' scores can be compared.
 */
export const SELFTEST_DIFFICULTY_MIX: Record<number, readonly [number, number, number]> = {
  8: [3, 3, 2],
  4: [1, 2, 1],
};

/** Lowest scores (of 100) of levels 1, 2 and 3; below the first is level 0. */
export const SELFTEST_LEVELS = [55, 70, 85] as const;
/** A self-test level: 0 below 55, 1 from 55, 2 from 70, 3 from 85. */
export type SelfTestLevel = 0 | 1 | 2 | 3;
export const SELFTEST_LEVEL_VALUES = [0, 1, 2, 3] as const satisfies readonly SelfTestLevel[];
/** The level the hub's indicator counts: a score of 70 or more. */
export const SELFTEST_MEETS_LEVEL: SelfTestLevel = 2;

/** Who took a self-test, by the one question the kiosk asks: the survey's ages 18 to 69, or not. */
export const SELFTEST_AGE_BANDS = ['adult', 'other'] as const;
export type SelfTestAgeBand = (typeof SELFTEST_AGE_BANDS)[number];

/** Right answers and questions of one dimension in one self-test. */
export interface DimensionResult {
  dimension: Dimension;
  right: number;
  total: number;
}

/**
 * The weighted score of 100: each dimension's share right times its weight. A dimension the
 * test had no question of is left out and the others are scaled up, so a short pack still
 * scores out of 100.
 */
export function selfTestScore(results: readonly DimensionResult[]): number {
  let points = 0;
  let weight = 0;
  for (const r of results) {
    if (r.total <= 0) continue;
    points += SELFTEST_WEIGHTS[r.dimension] * (r.right / r.total);
    weight += SELFTEST_WEIGHTS[r.dimension];
  }
  return weight === 0 ? 0 : Math.round((points / weight) * 1000) / 10;
}

/** The level of a score of 100. */
export function selfTestLevel(score: number): SelfTestLevel {
  let level = 0;
  for (const lowest of SELFTEST_LEVELS) if (score >= lowest) level++;
  return level as SelfTestLevel;
}
