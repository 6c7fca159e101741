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
