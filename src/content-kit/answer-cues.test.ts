import { describe, expect, it } from 'vitest';
import type { QuizBank, QuizQuestion } from '../protocol/quiz-doc.ts';
import { answerCueReport, CUE_ALPHA, cueDiagnostics, formatCueReport } from './answer-cues.ts';

const source = { title: 'Doc', publisher: 'Pub', year: 2024, url: 'https://example.org/doc' };
const text = (s: string) => ({ 'zh-CN': s, vi: s, en: s });
const base = {
  difficulty: 1 as const,
  dimension: 'knowledge' as const,
  source,
  question: text('q'),
  explanation: text('e'),
};

/** A single-choice question whose options have the given lengths; `answer` is the right one. */
function single(id: string, lengths: number[], answer: number): QuizQuestion {
  return { ...base, id, type: 'single', options: lengths.map((n) => text('x'.repeat(n))), answer };
}
function multiple(id: string, answer: number[]): QuizQuestion {
  return { ...base, id, type: 'multiple', options: [1, 2, 3, 4].map((n) => text('y'.repeat(n))), answer };
}
function truefalse(id: string, answer: boolean): QuizQuestion {
  return { ...base, id, type: 'truefalse', answer };
}
const bank = (questions: QuizQuestion[]): QuizBank => ({ topic: 'health', questions });
const file = (topic: string) => (topic === 'all' ? 'content/quizzes' : `content/quizzes/${topic}.yaml`);

describe('answer cues', () => {
  it('counts the right option as longest only when it is strictly the longest, against 1/k by chance', () => {
    const questions = [
      single('a', [5, 2, 2], 0), // right and longest
      single('b', [5, 5, 2], 0), // tied for longest: no cue, no chance
      single('c', [2, 9, 3], 0), // a wrong option is longest
    ];
    const [health] = answerCueReport([bank(questions)]);
    expect(health?.longest.en).toEqual({ n: 3, observed: 1, expected: 2 / 3, p: 1 - (2 / 3) * (2 / 3) });
  });

  it('fails a bank whose right answer is nearly always the longest, in each language it happens in', () => {
    // The right option sits in every position equally often; only its length gives it away.
    const questions = Array.from({ length: 15 }, (_, i) => {
      const lengths = [3, 4, 5];
      lengths[i % 3] = i < 12 ? 9 : 2;
      return single(`q${i}`, lengths, i % 3);
    });
    const reports = answerCueReport([bank(questions)]);
    // 12 of 15 with chance 1/3 each: P(X >= 12) for Binomial(15, 1/3).
    const p = [12, 13, 14, 15].reduce((s, k) => s + choose(15, k) * (1 / 3) ** k * (2 / 3) ** (15 - k), 0);
    expect(reports[0]?.longest['zh-CN'].p).toBeCloseTo(p, 12);
    expect(p).toBeLessThan(CUE_ALPHA);
    const errors = cueDiagnostics(reports, file).map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`);
    expect(errors).toHaveLength(6); // three languages, in the bank and across all banks
    expect(errors[0]).toBe(
      `content/quizzes/health.yaml:1 ANSWER_CUE in this file, the right answer is the longest option in 12 of 15 single-choice questions (zh-CN; chance 5, p = ${p.toFixed(4)}): make a wrong option the longest in more of them`,
    );
  });

  it('passes a bank where the right option is longest about as often as chance says', () => {
    const questions = Array.from({ length: 15 }, (_, i) => single(`q${i}`, [9, 3, 4], i % 3));
    const reports = answerCueReport([bank(questions)]);
    expect(reports[0]?.longest.vi.observed).toBe(5);
    expect(cueDiagnostics(reports, file)).toEqual([]);
  });

  it('fails when multiple-choice questions nearly always have the same number of right options', () => {
    const same = Array.from({ length: 24 }, (_, i) => multiple(`m${i}`, i < 21 ? [0, 1, 2] : [0, 1]));
    const reports = answerCueReport([bank(same)]);
    expect(reports[0]?.rightCounts).toEqual({ 2: 3, 3: 21 });
    expect(reports[0]?.multiple.observed).toBe(21);
    expect(reports[0]?.multiple.expected).toBe(6);
    expect(reports[0]?.multiple.p).toBeLessThan(1e-9);
    const spread = Array.from({ length: 24 }, (_, i) =>
      multiple(`m${i}`, [0, 1, 2, 3].slice(0, 1 + (i % 4))),
    );
    expect(answerCueReport([bank(spread)])[0]?.multiple.p).toBeGreaterThan(CUE_ALPHA);
    // Four questions cannot show a pattern beyond chance at 1 %: all four alike has p = 4 / 4^4.
    const four = Array.from({ length: 4 }, (_, i) => multiple(`m${i}`, [0, 1, 2]));
    expect(answerCueReport([bank(four)])[0]?.multiple.p).toBeCloseTo(4 / 256, 12);
  });

  it('tests true/false balance two-sided and the right option position', () => {
    const tf = Array.from({ length: 20 }, (_, i) => truefalse(`t${i}`, i < 18));
    const [r] = answerCueReport([bank(tf)]);
    expect(r?.truefalse.trues).toBe(18);
    expect(r?.truefalse.p).toBeCloseTo((2 * (1 + 20 + 190)) / 2 ** 20, 12);
    const first = Array.from({ length: 15 }, (_, i) => single(`q${i}`, [3, 3, 3], 0));
    const [s] = answerCueReport([bank(first)]);
    expect(s?.positions).toEqual({ 0: 15 });
    expect(s?.position.p).toBeLessThan(CUE_ALPHA);
    expect(cueDiagnostics([s as NonNullable<typeof s>], file).map((d) => d.message)).toEqual([
      `in this file, 15 of 15 single-choice answers sit in the same position (0:15; p = ${s?.position.p.toFixed(4)}): vary where the right option is`,
    ]);
  });

  it('reports every bank and all banks together in one line each', () => {
    const lines = formatCueReport(answerCueReport([bank([single('a', [5, 2, 2], 0), truefalse('t', true)])]));
    expect(lines).toEqual([
      'cues health: right answer longest zh-CN 1/1, vi 1/1, en 1/1 (chance 0.3); right options in multiple choice none; true 1/1; answer positions 0:1',
      'cues all: right answer longest zh-CN 1/1, vi 1/1, en 1/1 (chance 0.3); right options in multiple choice none; true 1/1; answer positions 0:1',
    ]);
  });
});

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
