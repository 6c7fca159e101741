import type { audienceZhCN } from './zh-CN.ts';

/** Every key of the audience words; a language missing one is a type error. */
export type AudienceMessageKey = keyof typeof audienceZhCN;

/** The audience words for one language. */
export type AudienceMessages = Record<AudienceMessageKey, string>;
