import type { Locale } from '../../protocol/locales.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';
import { zhCN } from './zh-CN.ts';

/** Every key the hub's messages and reports use; a dictionary missing one is a type error. */
export type HubMessageKey = keyof typeof zhCN;
export type HubMessages = Record<HubMessageKey, string>;

const DICTIONARIES: Record<Locale, HubMessages> = { 'zh-CN': zhCN, vi, en };

/** A translator for one language: `{name}` placeholders filled, numbers formatted for it. */
export function hubTranslator(locale: Locale) {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (key: HubMessageKey, params?: Record<string, string | number | undefined>): string => {
    // A key the dictionary lacks (a topic added later, say) prints as itself rather than failing.
    const text: string = DICTIONARIES[locale][key] ?? zhCN[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}
export type HubT = ReturnType<typeof hubTranslator>;
