import { describe, expect, it } from 'vitest';
import type { QuizBank, QuizQuestion } from '../protocol/quiz-doc.ts';
import { formatSelfTestBank, selfTestBank } from './selftest-bank.ts';

const text = { 'zh-CN': '题', vi: 'Câu', en: 'Q' };
const q = (id: string, dimension: QuizQuestion['dimension'], difficulty: 1 | 2 | 3): QuizQuestion => ({
  id,
  type: 'truefalse',
  answer: true,
  dimension,
  difficulty,
  source: { title: 't', publisher: 'p', year: 2024, url: 'https://example.org/doc' },
  question: text,
  explanation: text,
});

describe('self-test bank', () => {
  it('counts each dimension against five times its draw, and each difficulty against its share', () => {
    const method = Array.from({ length: 20 }, (_, i) =>
      q(`m${i}`, 'method', ([1, 2, 2, 3] as const)[i % 4] ?? 1),
    );
    const banks: QuizBank[] = [{ topic: 'youth', questions: [...method, q('k', 'knowledge', 1)] }];
    const bank = selfTestBank(banks);
    expect(bank.find((d) => d.dimension === 'method')).toEqual({
      dimension: 'method',
      questions: 20,
      byDifficulty: [5, 10, 5],
      needed: 20,
      shortDifficulties: [],
    });
    expect(bank.find((d) => d.dimension === 'knowledge')).toMatchObject({
      questions: 1,
      needed: 40,
      shortDifficulties: [1, 2, 3],
    });
    expect(formatSelfTestBank(bank)).toContain(
      'self-test method: 20 questions (easy 5, medium 10, hard 5); draws 4, bank needs 20: ok',
    );
    expect(formatSelfTestBank(bank)[0]).toBe(
      'self-test knowledge: 1 questions (easy 1, medium 0, hard 0); draws 8, bank needs 40: SHORT; difficulty 1, 2, 3 below five times its draw',
    );
  });
});
