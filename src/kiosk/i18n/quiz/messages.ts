import type { quizZhCN } from './zh-CN.ts';

/** Every key of the quiz area's dictionary; a language missing one is a type error. */
export type QuizMessageKey = keyof typeof quizZhCN;

/** The quiz area's dictionary for one language. */
export type QuizMessages = Record<QuizMessageKey, string>;
