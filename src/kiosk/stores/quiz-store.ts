import { batch, computed, signal } from '@preact/signals';
import type { QuizBank } from '../../protocol/quiz-doc.ts';
import type { QuizKey } from '../../protocol/quiz-mode.ts';
import type { SelfTestAgeBand } from '../../protocol/selftest.ts';
import { TOPICS } from '../../protocol/topics.ts';
import {
  type Answer,
  completionCounts,
  dailyChallenge,
  drawTopicQuiz,
  fitsQuestion,
  isRight,
  optionKeys,
  type QuizItem,
  selfTest,
  stationDay,
  TOPIC_QUIZ_SIZE,
} from '../data/quiz-engine.ts';
import type { ContentStore } from './content-store.ts';
import type { UsageCounter } from './kiosk-context.ts';

/**
 * Draws a quiz's questions from the pack: a topic's bank, or every bank for the daily challenge
 * (seeded by the station day at `now`) and the self-test (a fresh random seed). A topic whose
 * bank cannot be read is left out of the mixed quizzes; with none at all this fails.
 */
export async function drawQuiz(
  quiz: QuizKey,
  content: Pick<ContentStore, 'quiz'>,
  now: Date = new Date(),
  timeZone?: string,
): Promise<{ items: QuizItem[]; day?: string }> {
  if (quiz.startsWith('topic:')) {
    const bank = await content.quiz(quiz.slice(6) as QuizBank['topic']);
    return { items: drawTopicQuiz(bank, TOPIC_QUIZ_SIZE, Math.random) };
  }
  const settled = await Promise.allSettled(TOPICS.map((topic) => content.quiz(topic)));
  const banks = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.find((r) => r.status === 'rejected');
  if (banks.length === 0 && failed) throw failed.reason;
  if (quiz === 'daily') {
    const day = stationDay(now, timeZone);
    return { items: dailyChallenge(banks, day), day };
  }
  const seed = crypto.getRandomValues(new Uint32Array(2)).join('-');
  return { items: selfTest(banks, seed) };
}

/**
 * One quiz being played: which question, what was answered, the multiple-choice selection
 * waiting for "check", and the result. Counts `quiz_start` when made, `quiz_option` per
 * answer, and completion (score, self-test bar) when finished. A quiz that is dropped before
 * it finishes (idle reset, leaving) simply is never finished: nothing more is counted.
 */
export function createQuizStore(options: {
  quiz: QuizKey;
  items: readonly QuizItem[];
  usage: UsageCounter;
  /** The self-test's age question's answer; counted with its level only. */
  ageBand?: SelfTestAgeBand;
}) {
  const { quiz, items, usage, ageBand } = options;
  const index = signal(0);
  const answers = signal<ReadonlyArray<Answer | undefined>>([]);
  const selection = signal<ReadonlySet<number>>(new Set());
  const finished = signal(false);

  const item = computed(() => items[index.value]);
  const answer = computed(() => answers.value[index.value]);
  const rights = computed(() =>
    items.map((it, i) => {
      const a = answers.value[i];
      return a !== undefined && isRight(it.question, a);
    }),
  );
  const right = computed(() => rights.value.filter(Boolean).length);
  const isLast = computed(() => index.value >= items.length - 1);

  usage.count('quiz_start', quiz);

  /** Answers the current question (once); wrong shapes are ignored. */
  function choose(value: Answer): void {
    const current = item.value;
    if (!current || answer.value !== undefined || finished.value) return;
    if (!fitsQuestion(current.question, value)) return;
    const next = [...answers.value];
    next[index.value] = value;
    answers.value = next;
    for (const key of optionKeys(current.question, value)) usage.count('quiz_option', key);
  }

  /** Multiple choice: selects or unselects an option before checking. */
  function toggle(option: number): void {
    if (item.value?.question.type !== 'multiple' || answer.value !== undefined) return;
    const next = new Set(selection.value);
    if (next.has(option)) next.delete(option);
    else next.add(option);
    selection.value = next;
  }

  /** Multiple choice: answers with the selected options. */
  function check(): void {
    if (selection.value.size === 0) return;
    choose([...selection.value].sort((a, b) => a - b));
  }

  /** After an answer: the next question, or the result after the last one. */
  function next(): void {
    if (answer.value === undefined || finished.value) return;
    if (!isLast.value) {
      batch(() => {
        index.value++;
        selection.value = new Set();
      });
      return;
    }
    finished.value = true;
    for (const [metric, key] of completionCounts(quiz, items, rights.value, ageBand))
      usage.count(metric, key);
  }

  return {
    quiz,
    ageBand,
    items,
    total: items.length,
    index,
    item,
    answer,
    selection,
    rights,
    right,
    isLast,
    finished,
    choose,
    toggle,
    check,
    next,
  };
}

export type QuizStore = ReturnType<typeof createQuizStore>;
