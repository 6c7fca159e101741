import { type Signal, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../protocol/locales.ts';
import { isLocale } from '../protocol/locales.ts';
import { type MessageKey, translate } from './i18n/index.ts';
import type { Router } from './router.ts';
import type { Session } from './session.ts';

/** Everything the console's pages share. */
export interface Console {
  session: Session;
  router: Router;
  locale: Signal<Locale>;
  /** A one-time message for the next page (e.g. "version 12 is published"). */
  flash: Signal<string | null>;
}

const LOCALE_KEY = 'kepu-admin-locale';

/** The console's language: the one chosen before on this browser, else Chinese. */
export function savedLocale(storage: Storage | undefined = globalThis.localStorage): Signal<Locale> {
  const saved = storage?.getItem(LOCALE_KEY);
  const locale = signal<Locale>(isLocale(saved) ? saved : 'zh-CN');
  locale.subscribe((value) => storage?.setItem(LOCALE_KEY, value));
  return locale;
}

export const ConsoleContext = createContext<Console | null>(null);

/** The console's stores; only inside `<ConsoleContext.Provider>`. */
export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleContext');
  return value;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translate function in the console's language (re-renders when it changes). */
export function useT(): Translate {
  const locale = useConsole().locale.value;
  return (key, params) => translate(locale, key, params);
}
