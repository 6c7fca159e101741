import { describe, expect, it } from 'vitest';
import {
  SELFTEST_BANK_MIN,
  SELFTEST_DIFFICULTY_MIX,
  SELFTEST_DRAW,
  SELFTEST_SIZE,
  SELFTEST_WEIGHTS,
  selfTestLevel,
  selfTestScore,
} from './selftest.ts';

describe('the self-test design', () => {
  it('weighs like the national survey and gives every question the same points', () => {
    expect(Object.values(SELFTEST_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(SELFTEST_SIZE).toBe(20);
    for (const [d, n] of Object.entries(SELFTEST_DRAW)) {
      expect(SELFTEST_WEIGHTS[d as keyof typeof SELFTEST_WEIGHTS] / n).toBe(5);
      expect(SELFTEST_DIFFICULTY_MIX[n]?.reduce((a, b) => a + b, 0)).toBe(n);
      expect(SELFTEST_BANK_MIN[d as keyof typeof SELFTEST_BANK_MIN]).toBe(5 * n);
    }
  });

  it('scores by weight, scaling up when a dimension had no question', () => {
    const all = (right: number[]) =>
      (['knowledge', 'method', 'thinking', 'application'] as const).map((dimension, i) => ({
        dimension,
        right: right[i] ?? 0,
        total: SELFTEST_DRAW[dimension],
      }));
    expect(selfTestScore(all([8, 4, 4, 4]))).toBe(100);
    expect(selfTestScore(all([0, 4, 4, 4]))).toBe(60);
    expect(selfTestScore(all([8, 0, 0, 0]))).toBe(40);
    expect(selfTestScore(all([6, 3, 2, 3]))).toBe(70);
    expect(selfTestScore([{ dimension: 'method', right: 1, total: 2 }])).toBe(50);
    expect(selfTestScore([])).toBe(0);
  });

  it('puts the level lines at 55, 70 and 85', () => {
    expect([0, 54.9, 55, 69.9, 70, 84.9, 85, 100].map(selfTestLevel)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
