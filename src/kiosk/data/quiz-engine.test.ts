import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type QuizBank,
  QuizBankSchema,
  type QuizQuestion,
  QuizQuestionSchema,
} from '../../protocol/quiz-doc.ts';
import { SELFTEST_DIFFICULTY_MIX, SELFTEST_DRAW, SELFTEST_SIZE } from '../../protocol/selftest.ts';
import { METRICS } from '../../protocol/usage.ts';
import {
  completionCounts,
  DAILY_SIZE,
  dailyChallenge,
  dimensionTally,
  drawTopicQuiz,
  fitsQuestion,
  isRight,
  optionKeys,
  optionPicture,
  scoreTenths,
  seededRandom,
  selfTest,
  shuffle,
  stationDay,
  suggestedArticles,
} from './quiz-engine.ts';

// The real question banks (the YAML source has the compiled shape when no pictures are used).
const dir = join(import.meta.dirname, '../../../content/quizzes');
const BANKS: QuizBank[] = readdirSync(dir)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => v.parse(QuizBankSchema, parse(readFileSync(join(dir, n), 'utf8'))));
const ids = (quiz: ReadonlyArray<{ question: { id: string } }>) => quiz.map((i) => i.question.id);

const text = { 'zh-CN': '题', vi: 'Câu', en: 'Q' };
const base = {
  difficulty: 1 as const,
  dimension: 'knowledge' as const,
  source: { title: 't', publisher: 'p', year: 2024, url: 'https://www.who.int/' },
  question: text,
  explanation: text,
};
const single: QuizQuestion = { ...base, id: 's', type: 'single', options: [text, text, text], answer: 1 };
const multiple: QuizQuestion = {
  ...base,
  id: 'm',
  type: 'multiple',
  options: [text, text, text, text],
  answer: [0, 2],
};
const truefalse: QuizQuestion = { ...base, id: 'tf', type: 'truefalse', answer: false };
const alt = { 'zh-CN': '水壶', vi: 'Ấm nước', en: 'A kettle' };
const picture = v.parse(QuizQuestionSchema, {
  ...base,
  id: 'p',
  type: 'picture',
  options: [
    { ...text, image: 'media/_quiz/kettle.svg', width: 640, height: 360, alt },
    { ...text, image: 'media/_quiz/river.svg', width: 640, height: 360, alt },
  ],
  answer: 0,
});

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, in [0, 1), and others for another seed', () => {
    const a = seededRandom('daily:2026-11-28');
    const b = seededRandom('daily:2026-11-28');
    const first = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const c = seededRandom('daily:2026-11-29');
    expect(Array.from({ length: 50 }, c)).not.toEqual(first);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const out = shuffle(items, seededRandom('x'));
    expect([...out].sort((x, y) => x - y)).toEqual(items);
    expect(out).not.toEqual(items);
  });
});

describe('topic quiz', () => {
  it('draws n questions of the topic without repeats, for any n and seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.string(), fc.nat(BANKS.length - 1), (n, seed, b) => {
        const bank = BANKS[b] as QuizBank;
        const quiz = drawTopicQuiz(bank, n, seededRandom(seed));
        expect(quiz).toHaveLength(Math.min(n, bank.questions.length));
        expect(new Set(ids(quiz)).size).toBe(quiz.length);
        for (const item of quiz) {
          expect(item.topic).toBe(bank.topic);
          expect(bank.questions).toContain(item.question);
        }
      }),
    );
  });

  it('varies between quizzes', () => {
    const bank = BANKS[0] as QuizBank;
    const quizzes = new Set(
      Array.from({ length: 5 }, (_, i) => ids(drawTopicQuiz(bank, 10, seededRandom(`q${i}`))).join()),
    );
    expect(quizzes.size).toBe(5);
  });
});

describe('daily challenge', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is the same questions for the same day, whatever the order of the banks', () => {
    const day = dailyChallenge(BANKS, '2026-11-28');
    expect(day).toHaveLength(DAILY_SIZE);
    expect(ids(dailyChallenge([...BANKS].reverse(), '2026-11-28'))).toEqual(ids(day));
    // One question per topic, none twice.
    expect(new Set(day.map((i) => i.topic)).size).toBe(DAILY_SIZE);
    expect(new Set(ids(day)).size).toBe(DAILY_SIZE);
  });

  it('changes from day to day', () => {
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'];
    const sets = new Set(days.map((d) => ids(dailyChallenge(BANKS, d)).join()));
    expect(sets.size).toBe(days.length);
  });

  it('refuses something that is not a day', () => {
    expect(() => dailyChallenge(BANKS, '28/11/2026')).toThrow(RangeError);
  });

  it('uses the station day: the same from the station midnight to the next, in any device zone', () => {
    const instants = [
      '2026-11-27T16:00:00Z', // 00:00 in Hekou
      '2026-11-28T03:30:00Z',
      '2026-11-28T15:59:59Z', // 23:59:59 in Hekou
    ].map((s) => new Date(s));
    const seen = new Set<string>();
    // The device's own calendar would disagree (which is why it is not used).
    const deviceDays = new Set<number>();
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      for (const at of instants) {
        deviceDays.add(at.getDate());
        expect(stationDay(at), `${tz} ${at.toISOString()}`).toBe('2026-11-28');
        seen.add(ids(dailyChallenge(BANKS, stationDay(at))).join());
      }
    }
    expect(seen.size).toBe(1);
    expect(deviceDays.size).toBeGreaterThan(1);
    expect(stationDay(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(stationDay(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
    expect(stationDay(new Date('2026-11-28T03:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-27');
  });
});

describe('self-test', () => {
  it('draws 8 knowledge and 4 of each other dimension, spread over topics, never repeating', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const quiz = selfTest(BANKS, seed);
      expect(quiz).toHaveLength(SELFTEST_SIZE);
      expect(new Set(ids(quiz)).size).toBe(quiz.length);
      const perDimension = dimensionTally(
        quiz,
        quiz.map(() => true),
      ).map((d) => [d.dimension, d.total]);
      expect(Object.fromEntries(perDimension)).toEqual(SELFTEST_DRAW);
      const perTopic = new Map<string, number>();
      for (const item of quiz) perTopic.set(item.topic, (perTopic.get(item.topic) ?? 0) + 1);
      expect(perTopic.size).toBe(6);
      expect(Math.max(...perTopic.values())).toBeLessThanOrEqual(5);
    }
  });

  it('gives every test the same mix of easy, medium and hard questions in each dimension', () => {
    for (const seed of ['a', 'b', 'c']) {
      const quiz = selfTest(BANKS, seed);
      for (const [dimension, n] of Object.entries(SELFTEST_DRAW)) {
        const mix = [1, 2, 3].map(
          (d) => quiz.filter((i) => i.question.dimension === dimension && i.question.difficulty === d).length,
        );
        expect(mix, `${seed} ${dimension}`).toEqual(SELFTEST_DIFFICULTY_MIX[n]);
      }
    }
  });

  it('makes up a missing difficulty from the nearest one', () => {
    const easy = (id: string): QuizQuestion => ({ ...single, id, difficulty: 1 });
    const hard = (id: string): QuizQuestion => ({ ...single, id, difficulty: 3 });
    const bank: QuizBank = {
      topic: 'health',
      questions: [easy('e1'), easy('e2'), easy('e3'), hard('h1'), hard('h2')],
    };
    const quiz = selfTest([bank], 'x');
    expect(quiz).toHaveLength(5);
    expect(quiz.map((i) => i.question.difficulty).sort()).toEqual([1, 1, 1, 3, 3]);
  });

  it('is the same set for the same seed, another for another seed', () => {
    expect(ids(selfTest(BANKS, 'seed'))).toEqual(ids(selfTest(BANKS, 'seed')));
    expect(ids(selfTest(BANKS, 'seed'))).not.toEqual(ids(selfTest(BANKS, 'other')));
  });

  it('makes a shorter test when a dimension runs short', () => {
    const bank: QuizBank = { topic: 'health', questions: [single, truefalse] };
    expect(selfTest([bank], 'x')).toHaveLength(2);
  });
});

describe('scoring', () => {
  it('single choice, true/false and pictures: the one right answer', () => {
    expect(isRight(single, 1)).toBe(true);
    expect(isRight(single, 0)).toBe(false);
    expect(isRight(single, [1])).toBe(false);
    expect(isRight(truefalse, false)).toBe(true);
    expect(isRight(truefalse, true)).toBe(false);
    expect(isRight(truefalse, 0)).toBe(false);
    expect(isRight(picture, 0)).toBe(true);
    expect(isRight(picture, 1)).toBe(false);
  });

  it('multiple choice: right only with exactly the correct set, in any order', () => {
    expect(isRight(multiple, [0, 2])).toBe(true);
    expect(isRight(multiple, [2, 0])).toBe(true);
    expect(isRight(multiple, [0])).toBe(false); // a correct option missing
    expect(isRight(multiple, [0, 1, 2])).toBe(false); // a wrong option added
    expect(isRight(multiple, [0, 1, 2, 3])).toBe(false); // everything chosen
    expect(isRight(multiple, [])).toBe(false);
    expect(isRight(multiple, 0)).toBe(false);
  });

  it('checks the shape of an answer', () => {
    expect(fitsQuestion(single, 2)).toBe(true);
    expect(fitsQuestion(single, 3)).toBe(false);
    expect(fitsQuestion(single, true)).toBe(false);
    expect(fitsQuestion(multiple, [])).toBe(false);
    expect(fitsQuestion(multiple, [3])).toBe(true);
    expect(fitsQuestion(multiple, [4])).toBe(false);
    expect(fitsQuestion(truefalse, true)).toBe(true);
    expect(fitsQuestion(picture, 1)).toBe(true);
  });

  it('buckets scores in tenths, rounded down', () => {
    expect(Array.from({ length: 11 }, (_, r) => scoreTenths(r, 10))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(scoreTenths(9, 12)).toBe(7);
    expect(scoreTenths(7, 12)).toBe(5);
    expect(scoreTenths(12, 12)).toBe(10);
    expect(scoreTenths(2, 3)).toBe(6);
    expect(scoreTenths(0, 0)).toBe(0);
  });
});

describe('counts', () => {
  it('keys every chosen option in the usage vocabulary', () => {
    expect(optionKeys(single, 2)).toEqual(['s/2']);
    expect(optionKeys(multiple, [2, 0, 2])).toEqual(['m/0', 'm/2']);
    expect(optionKeys(truefalse, true)).toEqual(['tf/true']);
    expect(optionKeys(picture, 1)).toEqual(['p/1']);
    for (const bank of BANKS) {
      for (const q of bank.questions) {
        const answer = q.type === 'truefalse' ? false : q.type === 'multiple' ? [0, 1] : 0;
        for (const key of optionKeys(q, answer)) expect(METRICS.quiz_option.test(key), key).toBe(true);
      }
    }
  });

  it('counts completion and score for every quiz', () => {
    const items = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        topic: 'health' as const,
        question: { ...single, id: `q${i}` },
      }));
    const rights = (n: number, right: number) => Array.from({ length: n }, (_, i) => i < right);
    expect(completionCounts('topic:health', items(10), rights(10, 7))).toEqual([
      ['quiz_complete', 'topic:health'],
      ['quiz_score', 'topic:health/7'],
    ]);
    expect(completionCounts('daily', items(5), rights(5, 5))).toEqual([
      ['quiz_complete', 'daily'],
      ['quiz_score', 'daily/10'],
    ]);
  });

  it('scores a self-test by the weights, counts its level with the age band, and the indicator from 70', () => {
    // 8 knowledge, 4 each of the rest; knowledge counts twice as much per question as a share of 40.
    const plan = Object.entries(SELFTEST_DRAW).flatMap(([dimension, n]) =>
      Array.from({ length: n }, (_, i) => ({
        topic: 'health' as const,
        question: { ...single, id: `${dimension}-${i}`, dimension: dimension as QuizQuestion['dimension'] },
      })),
    );
    const by = (right: Record<string, number>) =>
      plan.map((item) => {
        const d = item.question.dimension;
        const index = Number(item.question.id.split('-')[1]);
        return index < (right[d] ?? 0);
      });
    // 14 of 20 right, every question worth 5: 70 points, level 2, meets the indicator.
    expect(
      completionCounts(
        'selftest',
        plan,
        by({ knowledge: 6, method: 3, thinking: 2, application: 3 }),
        'adult',
      ),
    ).toEqual([
      ['quiz_complete', 'selftest'],
      ['quiz_score', 'selftest/7'],
      ['selftest_level', 'adult/2'],
      ['selftest_pass', 'selftest'],
    ]);
    // 13 right: 65 points, level 1; no indicator, and a missing answer counts as "other".
    expect(
      completionCounts('selftest', plan, by({ knowledge: 5, method: 3, thinking: 2, application: 3 })),
    ).toEqual([
      ['quiz_complete', 'selftest'],
      ['quiz_score', 'selftest/6'],
      ['selftest_level', 'other/1'],
    ]);
    for (const [metric, key] of completionCounts(
      'selftest',
      plan,
      plan.map(() => true),
      'adult',
    )) {
      expect(METRICS[metric].test(key), `${metric} ${key}`).toBe(true);
    }
    expect(
      completionCounts(
        'selftest',
        plan,
        plan.map(() => true),
      ),
    ).toContainEqual(['selftest_level', 'other/3']);
  });
});

describe('result', () => {
  it('suggests the articles of wrong answers first, without repeats', () => {
    const q = (id: string, article?: string): { topic: 'health'; question: QuizQuestion } => ({
      topic: 'health',
      question: { ...single, id, ...(article ? { article } : {}) },
    });
    const quiz = [q('a', 'art-1'), q('b', 'art-2'), q('c'), q('d', 'art-3'), q('e', 'art-2')];
    expect(suggestedArticles(quiz, [true, true, false, false, false])).toEqual(['art-3', 'art-2', 'art-1']);
    expect(suggestedArticles(quiz, [true, true, true, true, true], 2)).toEqual(['art-1', 'art-2']);
  });

  it('tallies right answers per dimension', () => {
    const quiz = [
      { topic: 'health' as const, question: single },
      { topic: 'health' as const, question: { ...truefalse, dimension: 'method' as const } },
      { topic: 'health' as const, question: multiple },
    ];
    expect(dimensionTally(quiz, [true, false, false])).toEqual([
      { dimension: 'knowledge', right: 1, total: 2 },
      { dimension: 'method', right: 0, total: 1 },
    ]);
  });
});

describe('picture questions', () => {
  it('validate, score and show each option as a pack picture with alt text in the language', () => {
    expect(picture.type).toBe('picture');
    expect(optionPicture(picture, 1, 'vi')).toEqual({
      src: 'media/_quiz/river.svg',
      alt: 'Ấm nước',
      width: 640,
      height: 360,
    });
    expect(optionPicture(picture, 2, 'en')).toBeUndefined();
    expect(optionPicture(single, 0, 'en')).toBeUndefined();
    const noAlt = { ...picture, options: picture.type === 'picture' ? [{ ...text, image: 'x.svg' }] : [] };
    expect(v.is(QuizQuestionSchema, noAlt)).toBe(false);
  });
});
