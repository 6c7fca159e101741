import type { Picture } from '../../protocol/content-doc.ts';
import type { Locale } from '../../protocol/locales.ts';
import { QUIZ_DIMENSIONS, type QuizBank, type QuizQuestion } from '../../protocol/quiz-doc.ts';
import type { QuizKey } from '../../protocol/quiz-mode.ts';
import {
  SELFTEST_DIFFICULTY_MIX,
  SELFTEST_DRAW,
  SELFTEST_MEETS_LEVEL,
  type SelfTestAgeBand,
  selfTestLevel,
  selfTestScore,
} from '../../protocol/selftest.ts';
import { TOPICS, type TopicId } from '../../protocol/topics.ts';
import type { Metric } from '../../protocol/usage.ts';

/**
 * The quiz engine: pure functions, no DOM, no clock of its own. Drawing questions, the daily
 * challenge's seed, the self-test's balance, scoring and the usage keys of answers.
 */

/** Questions in a topic quiz and in the daily challenge (the self-test's are in `protocol/selftest.ts`). */
export const TOPIC_QUIZ_SIZE = 10;
export const DAILY_SIZE = 5;
/** Hekou's time zone: the daily challenge changes at the station's midnight. */
export const STATION_TIME_ZONE = 'Asia/Shanghai';

/** A source of numbers in [0, 1), like Math.random. */
export type Random = () => number;

/** A question with the topic whose bank it came from. */
export interface QuizItem {
  topic: TopicId;
  question: QuizQuestion;
}

/** What a resident answered: an option index, the chosen indexes (multiple) or true/false. */
export type Answer = number | readonly number[] | boolean;

/** A seeded generator: xmur3 hashes the seed text, mulberry32 makes the numbers. Same seed, same numbers. */
export function seededRandom(seed: string): Random {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  let state = (h ^ (h >>> 16)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The station's calendar day ('YYYY-MM-DD') at `date` in `timeZone`, whatever the device's own zone. */
export function stationDay(date: Date, timeZone: string = STATION_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// Banks in topic order and questions by id, so the input's order never changes a seeded draw.
function items(banks: readonly QuizBank[]): QuizItem[][] {
  return [...banks]
    .sort((a, b) => TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic))
    .map((bank) =>
      [...bank.questions]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((question) => ({ topic: bank.topic, question })),
    );
}

/** A topic quiz: `n` questions of the bank (all of them if it has fewer), in random order, none twice. */
export function drawTopicQuiz(bank: QuizBank, n: number, random: Random): QuizItem[] {
  return shuffle(items([bank])[0] ?? [], random).slice(0, Math.max(0, n));
}

/**
 * The daily challenge for a station day ('YYYY-MM-DD'): `DAILY_SIZE` questions, one per topic
 * in a seeded order of topics. It depends on the day text and the banks only, so every kiosk
 * with the same pack shows the same questions all that day.
 */
export function dailyChallenge(banks: readonly QuizBank[], day: string): QuizItem[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  const random = seededRandom(`daily:${day}`);
  const decks = shuffle(items(banks), random).map((deck) => shuffle(deck, random));
  const out: QuizItem[] = [];
  // Round-robin over the topics, so a day has as many topics as there are questions.
  while (out.length < DAILY_SIZE && decks.some((d) => d.length > 0)) {
    for (const deck of decks) {
      const next = deck.shift();
      if (next && out.length < DAILY_SIZE) out.push(next);
    }
  }
  return out;
}

/**
 * The science-literacy self-test: `SELFTEST_DRAW` questions of each dimension (8 knowledge, 4 each
 * of method, thinking and application), within a dimension a fixed mix of easy, medium and hard
 * (`SELFTEST_DIFFICULTY_MIX`) so every test is about as hard, each time from the topic used least
 * so far. A difficulty the bank lacks is made up from the nearest one. Order shuffled.
 */
export function selfTest(banks: readonly QuizBank[], seed: string): QuizItem[] {
  const random = seededRandom(`selftest:${seed}`);
  const all = items(banks).flat();
  const used = new Map<TopicId, number>();
  const uses = (item: QuizItem) => used.get(item.topic) ?? 0;
  const out: QuizItem[] = [];
  for (const dimension of QUIZ_DIMENSIONS) {
    const want = SELFTEST_DRAW[dimension];
    const pool = shuffle(
      all.filter((i) => i.question.dimension === dimension),
      random,
    );
    const mix = SELFTEST_DIFFICULTY_MIX[want] ?? [want, 0, 0];
    const plan = mix.flatMap((n, i) => Array.from({ length: n }, () => i + 1));
    for (const difficulty of plan) {
      let best = -1;
      for (let i = 0; i < pool.length; i++) {
        const item = pool[i] as QuizItem;
        if (best < 0) {
          best = i;
          continue;
        }
        const b = pool[best] as QuizItem;
        const gap = Math.abs(item.question.difficulty - difficulty);
        const bestGap = Math.abs(b.question.difficulty - difficulty);
        if (gap < bestGap || (gap === bestGap && uses(item) < uses(b))) best = i;
      }
      const [pick] = best < 0 ? [] : pool.splice(best, 1);
      if (!pick) break;
      used.set(pick.topic, uses(pick) + 1);
      out.push(pick);
    }
  }
  return shuffle(out, random);
}

/**
 * True when `answer` is right. Multiple choice is right only when exactly the correct set is
 * chosen: every correct option and no other.
 */
export function isRight(question: QuizQuestion, answer: Answer): boolean {
  if (question.type === 'multiple') {
    if (!Array.isArray(answer)) return false;
    const chosen = new Set(answer);
    return chosen.size === question.answer.length && question.answer.every((i) => chosen.has(i));
  }
  return answer === question.answer;
}

/** True when an answer has the right shape for the question (an existing option, a boolean, a list). */
export function fitsQuestion(question: QuizQuestion, answer: Answer): boolean {
  if (question.type === 'truefalse') return typeof answer === 'boolean';
  const count = question.options.length;
  const index = (i: unknown) => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < count;
  if (question.type === 'multiple') return Array.isArray(answer) && answer.length > 0 && answer.every(index);
  return index(answer);
}

/** A score in tenths (0..10), rounded down, for the `quiz_score` counter. */
export function scoreTenths(right: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(10, Math.floor((right * 10) / total));
}

/** `quiz_option` keys for an answer: one per chosen option (`<id>/<index>` or `<id>/true|false`). */
export function optionKeys(question: QuizQuestion, answer: Answer): string[] {
  const chosen = Array.isArray(answer) ? [...new Set(answer)].sort((a, b) => a - b) : [answer];
  return chosen.map((c) => `${question.id}/${String(c)}`);
}

/**
 * The usage counts of a finished quiz: completed and its score bucket; for the self-test the
 * weighted score's bucket, its level with the age band asked, and `selftest_pass` at level 2.
 */
export function completionCounts(
  quiz: QuizKey,
  quizItems: readonly QuizItem[],
  rights: readonly boolean[],
  ageBand: SelfTestAgeBand = 'other',
): Array<[Metric, string]> {
  const right = rights.filter(Boolean).length;
  if (quiz !== 'selftest') {
    return [
      ['quiz_complete', quiz],
      ['quiz_score', `${quiz}/${scoreTenths(right, quizItems.length)}`],
    ];
  }
  const score = selfTestScore(dimensionTally(quizItems, rights));
  const level = selfTestLevel(score);
  const counts: Array<[Metric, string]> = [
    ['quiz_complete', 'selftest'],
    ['quiz_score', `selftest/${Math.min(10, Math.floor(score / 10))}`],
    ['selftest_level', `${ageBand}/${level}`],
  ];
  if (level >= SELFTEST_MEETS_LEVEL) counts.push(['selftest_pass', 'selftest']);
  return counts;
}

/** Articles to read next: those teaching the questions answered wrong first, then the rest; no repeats. */
export function suggestedArticles(quiz: readonly QuizItem[], rights: readonly boolean[], max = 3): string[] {
  const wrongFirst = [...quiz.filter((_, i) => !rights[i]), ...quiz.filter((_, i) => rights[i])];
  const out: string[] = [];
  for (const { question } of wrongFirst) {
    if (question.article && !out.includes(question.article)) out.push(question.article);
  }
  return out.slice(0, max);
}

/** Right answers per dimension, for the self-test's friendly result. */
export function dimensionTally(
  quiz: readonly QuizItem[],
  rights: readonly boolean[],
): Array<{ dimension: (typeof QUIZ_DIMENSIONS)[number]; right: number; total: number }> {
  return QUIZ_DIMENSIONS.map((dimension) => {
    const indexes = quiz.flatMap((item, i) => (item.question.dimension === dimension ? [i] : []));
    return { dimension, right: indexes.filter((i) => rights[i]).length, total: indexes.length };
  }).filter((row) => row.total > 0);
}

/** A picture question's option as a pack picture in one language (for PackImage). */
export function optionPicture(question: QuizQuestion, index: number, locale: Locale): Picture | undefined {
  if (question.type !== 'picture') return undefined;
  const option = question.options[index];
  if (!option) return undefined;
  return { src: option.image, alt: option.alt[locale], width: option.width, height: option.height };
}
