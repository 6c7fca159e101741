import type { noticeZhCN } from './zh-CN.ts';

/** Every key of the notices' words; a dictionary missing one is a type error. */
export type NoticeMessageKey = keyof typeof noticeZhCN;
export type NoticeMessages = Record<NoticeMessageKey, string>;
