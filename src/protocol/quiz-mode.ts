import { isTopicId, type TopicId } from './topics.ts';

/**
 * Which quiz a resident plays, spelled as the usage vocabulary's quiz keys (`protocol/usage.ts`):
 * a topic quiz, the daily challenge, or the science-literacy self-test.
 */
export type QuizKey = `topic:${TopicId}` | 'daily' | 'selftest';

/** True when a value names a quiz. */
export function isQuizKey(value: unknown): value is QuizKey {
  if (value === 'daily' || value === 'selftest') return true;
  return typeof value === 'string' && value.startsWith('topic:') && isTopicId(value.slice(6));
}

/**
 * The self-test's bar: a completed self-test "meets the bar" (counted as `selftest_pass`) when
 * at least `right` of `of` questions were answered right, i.e. 75 %. It describes one
 * self-test, never a person; the hub reports the share of completed self-tests meeting it, a
 * self-selected indicator and not a survey.
 */
export const SELFTEST_BAR = { right: 9, of: 12 } as const;

/** True when `right` answers out of `total` meet the self-test bar (scaled if a test is shorter). */
export function meetsSelfTestBar(right: number, total: number): boolean {
  return total > 0 && right * SELFTEST_BAR.of >= SELFTEST_BAR.right * total;
}
