import type { lessonZhCN } from './zh-CN.ts';

/** Every key of the phone lessons' dictionary; a language missing one is a type error. */
export type LessonMessageKey = keyof typeof lessonZhCN;

/** The phone lessons' dictionary for one language. */
export type LessonMessages = Record<LessonMessageKey, string>;
