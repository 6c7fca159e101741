import type { zhCN } from './zh-CN.ts';

/** Every key the UI uses; a dictionary missing one is a type error. */
export type MessageKey = keyof typeof zhCN;

/** A complete dictionary for one language. */
export type Messages = Record<MessageKey, string>;
