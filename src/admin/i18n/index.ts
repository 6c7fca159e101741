import type { Locale } from '../../protocol/locales.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';
import { zhCN } from './zh-CN.ts';

/** Every key the console uses; a dictionary missing one is a type error. */
export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const DICTIONARIES: Record<Locale, Messages> = { 'zh-CN': zhCN, vi, en };

/** Each language's name in that language, for the language menus. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', vi: 'Tiếng Việt', en: 'English' };

/** True when the console has a message for `key` (error codes the hub may add later). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** A message with `{name}` placeholders filled; numbers formatted for the locale. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[locale][key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}
