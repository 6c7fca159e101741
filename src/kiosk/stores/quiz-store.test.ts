import { describe, expect, it } from 'vitest';
import type { QuizBank, QuizQuestion } from '../../protocol/quiz-doc.ts';
import { TOPICS, type TopicId } from '../../protocol/topics.ts';
import type { Metric } from '../../protocol/usage.ts';
import type { QuizItem } from '../data/quiz-engine.ts';
import { createQuizStore, drawQuiz } from './quiz-store.ts';

const text = { 'zh-CN': '题', vi: 'Câu', en: 'Q' };
const base = {
  difficulty: 1 as const,
  dimension: 'knowledge' as const,
  source: { title: 't', publisher: 'p', year: 2024, url: 'https://www.who.int/' },
  question: text,
  explanation: text,
};
const item = (question: QuizQuestion): QuizItem => ({ topic: 'health', question });
const single = item({ ...base, id: 'one', type: 'single', options: [text, text], answer: 1 });
const multiple = item({ ...base, id: 'many', type: 'multiple', options: [text, text, text], answer: [0, 2] });
const truefalse = item({ ...base, id: 'tf', type: 'truefalse', answer: true });

function setup(quiz: 'daily' | 'selftest' | 'topic:health', items: QuizItem[], ageBand?: 'adult' | 'other') {
  const counted: Array<[Metric, string]> = [];
  const store = createQuizStore({
    quiz,
    items,
    usage: { count: (m, k) => counted.push([m, k]), flush: async () => {} },
    ...(ageBand ? { ageBand } : {}),
  });
  return { store, counted };
}

describe('createQuizStore', () => {
  it('plays to the result, counting start, each option, completion and score', () => {
    const { store, counted } = setup('topic:health', [single, multiple, truefalse]);
    expect(counted).toEqual([['quiz_start', 'topic:health']]);
    store.next(); // nothing happens before an answer
    expect(store.index.value).toBe(0);
    store.choose(0);
    store.choose(1); // a question is answered once
    expect(store.answer.value).toBe(0);
    expect(store.rights.value[0]).toBe(false);
    store.next();

    store.choose(0); // multiple choice waits for check
    expect(store.answer.value).toBeUndefined();
    store.check(); // nothing selected yet
    expect(store.answer.value).toBeUndefined();
    store.toggle(2);
    store.toggle(1);
    store.toggle(1);
    store.toggle(0);
    store.check();
    expect(store.answer.value).toEqual([0, 2]);
    expect(store.rights.value[1]).toBe(true);
    store.next();

    expect(store.isLast.value).toBe(true);
    store.choose(true);
    store.next();
    expect(store.finished.value).toBe(true);
    expect(store.right.value).toBe(2);
    expect(counted).toEqual([
      ['quiz_start', 'topic:health'],
      ['quiz_option', 'one/0'],
      ['quiz_option', 'many/0'],
      ['quiz_option', 'many/2'],
      ['quiz_option', 'tf/true'],
      ['quiz_complete', 'topic:health'],
      ['quiz_score', 'topic:health/6'],
    ]);
    store.next();
    expect(counted).toHaveLength(7);
  });

  it('ignores answers of the wrong shape', () => {
    const { store, counted } = setup('daily', [truefalse]);
    store.choose(0);
    store.choose([1]);
    expect(store.answer.value).toBeUndefined();
    expect(counted).toHaveLength(1);
  });

  it('counts the self-test level with the age band, and the indicator only from 70 of 100', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => item({ ...truefalse.question, id: `q${i}` }));
    for (const [rightCount, level, pass] of [
      [14, 2, true],
      [13, 1, false],
      [17, 3, true],
      [10, 0, false],
    ] as const) {
      const { store, counted } = setup('selftest', twenty, 'adult');
      for (let i = 0; i < 20; i++) {
        store.choose(i < rightCount);
        store.next();
      }
      expect(store.finished.value).toBe(true);
      expect(counted.some(([m]) => m === 'selftest_pass')).toBe(pass);
      expect(counted.filter(([m]) => m === 'selftest_level')).toEqual([['selftest_level', `adult/${level}`]]);
      expect(counted.filter(([m]) => m === 'quiz_complete')).toEqual([['quiz_complete', 'selftest']]);
    }
  });

  it('a quiz dropped half-way counts no completion', () => {
    const { store, counted } = setup('daily', [single, truefalse]);
    store.choose(1);
    store.next();
    expect(counted.map(([m]) => m)).toEqual(['quiz_start', 'quiz_option']);
  });
});

describe('drawQuiz', () => {
  const bank = (topic: TopicId, n = 12): QuizBank => ({
    topic,
    questions: Array.from({ length: n }, (_, i) => ({
      ...truefalse.question,
      id: `${topic}-${i}`,
      dimension: (['knowledge', 'method', 'thinking', 'application'] as const)[i % 4] ?? 'knowledge',
    })),
  });
  const content = (missing: readonly string[] = []) => ({
    quiz: async (topic: TopicId) => {
      if (missing.includes(topic)) throw new Error(`no ${topic}`);
      return bank(topic);
    },
  });
  const ids = (items: QuizItem[]) => items.map((i) => i.question.id);

  it('draws ten questions of one topic', async () => {
    const { items, day } = await drawQuiz('topic:youth', content());
    expect(items).toHaveLength(10);
    expect(items.every((i) => i.topic === 'youth')).toBe(true);
    expect(day).toBeUndefined();
  });

  it('draws the daily challenge of the station day, the same all that day', async () => {
    const morning = await drawQuiz('daily', content(), new Date('2026-11-28T00:30:00+08:00'));
    const night = await drawQuiz('daily', content(), new Date('2026-11-28T23:30:00+08:00'));
    expect(morning.day).toBe('2026-11-28');
    expect(ids(night.items)).toEqual(ids(morning.items));
    const next = await drawQuiz('daily', content(), new Date('2026-11-29T00:30:00+08:00'));
    expect(ids(next.items)).not.toEqual(ids(morning.items));
  });

  it('leaves out a topic whose bank cannot be read, and fails with none at all', async () => {
    const { items } = await drawQuiz('selftest', content(['health', 'rumors']));
    expect(items).toHaveLength(20);
    expect(items.some((i) => i.topic === 'health' || i.topic === 'rumors')).toBe(false);
    await expect(drawQuiz('daily', content(TOPICS))).rejects.toThrow('no health');
  });
});
