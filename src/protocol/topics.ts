/** Content areas, in the order the home screen shows them. */
export const TOPICS = ['health', 'emergency', 'farming', 'digital', 'rumors', 'youth'] as const;

/** One content area. */
export type TopicId = (typeof TOPICS)[number];

/** True when a value names a content area. */
export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}
