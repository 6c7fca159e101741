import type { Locale } from '../../protocol/locales.ts';
import { en } from './en.ts';
import type { MessageKey, Messages } from './messages.ts';
import { vi } from './vi.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey, Messages } from './messages.ts';

const DICTIONARIES: Record<Locale, Messages> = { 'zh-CN': zhCN, vi, en };

/** Each language's name written in that language, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = {
  'zh-CN': '中文',
  vi: 'Tiếng Việt',
  en: 'English',
};

/** Looks up a message and fills `{name}` placeholders; numbers are formatted for the locale. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return fill(locale, DICTIONARIES[locale][key], params);
}

/** Fills `{name}` placeholders of a text; numbers are formatted for the locale. */
export function fill(locale: Locale, text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/** A number written the way readers of the locale expect. */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A date with weekday, written for the locale, e.g. 2026年11月28日星期六. */
export function formatDate(locale: Locale, date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** Hours and minutes for the locale. */
export function formatTime(locale: Locale, date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
