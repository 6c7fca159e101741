import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { QuizBankSchema, QuizQuestionSchema, quizPath } from './quiz-doc.ts';

const text = (s: string) => ({ 'zh-CN': s, vi: s, en: s });
const base = {
  id: 'health-water',
  difficulty: 1,
  dimension: 'knowledge',
  source: { title: 'Drinking-water', publisher: 'WHO', year: 2023, url: 'https://www.who.int/' },
  question: text('q'),
  explanation: text('e'),
};
const options = [text('a'), text('b'), text('c')];
const ok = (q: unknown) => v.safeParse(QuizQuestionSchema, q).success;

describe('QuizQuestionSchema', () => {
  it('accepts each question type with a fitting answer', () => {
    expect(ok({ ...base, type: 'single', options, answer: 2 })).toBe(true);
    expect(ok({ ...base, type: 'multiple', options, answer: [0, 2] })).toBe(true);
    expect(ok({ ...base, type: 'truefalse', answer: true, article: 'boil-water' })).toBe(true);
    const picture = options.map((o, i) => ({
      ...o,
      image: `media/_quiz/${i}.svg`,
      width: 4,
      height: 3,
      alt: text('x'),
    }));
    expect(ok({ ...base, type: 'picture', options: picture, answer: 0 })).toBe(true);
  });

  it('refuses answers that do not fit the options', () => {
    expect(ok({ ...base, type: 'single', options, answer: 3 })).toBe(false);
    expect(ok({ ...base, type: 'single', options, answer: [0] })).toBe(false);
    expect(ok({ ...base, type: 'multiple', options, answer: [1, 1] })).toBe(false);
    expect(ok({ ...base, type: 'multiple', options, answer: [] })).toBe(false);
    expect(ok({ ...base, type: 'truefalse', options, answer: false })).toBe(false);
  });

  it('refuses a text missing a language, an unknown field and a bad difficulty', () => {
    expect(ok({ ...base, type: 'truefalse', answer: true, question: { 'zh-CN': 'q', en: 'q' } })).toBe(false);
    expect(ok({ ...base, type: 'truefalse', answer: true, hint: 'x' })).toBe(false);
    expect(ok({ ...base, type: 'truefalse', answer: true, difficulty: 4 })).toBe(false);
  });
});

describe('QuizBankSchema', () => {
  it('refuses duplicate question ids and unknown topics', () => {
    const q = { ...base, type: 'truefalse', answer: true };
    expect(v.safeParse(QuizBankSchema, { topic: 'health', questions: [q] }).success).toBe(true);
    expect(v.safeParse(QuizBankSchema, { topic: 'health', questions: [q, q] }).success).toBe(false);
    expect(v.safeParse(QuizBankSchema, { topic: 'sport', questions: [] }).success).toBe(false);
  });

  it('places a bank at quizzes/<topic>.json', () => {
    expect(quizPath('farming')).toBe('quizzes/farming.json');
  });
});
