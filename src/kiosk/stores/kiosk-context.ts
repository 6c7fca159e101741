import { type ReadonlySignal, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StationConfig } from '../../protocol/station-config.ts';
import type { Speech } from '../data/speech.ts';
import { type MessageKey, translate } from '../i18n/index.ts';
import { createIdleStore, type IdleStore } from './idle-store.ts';
import type { Route } from './route.ts';
import { createSessionStore, type SessionStore } from './session-store.ts';

/** Everything the screens share, built fresh per app (and per test). */
export interface Kiosk {
  config: ReadonlySignal<StationConfig>;
  session: SessionStore;
  idle: IdleStore;
  speech: Speech;
}

/** Wires the stores together: an idle timeout resets the session and silences speech. */
export function createKiosk(config: StationConfig, speech: Speech, start?: Route): Kiosk {
  const configSignal = signal(config);
  const session = createSessionStore(configSignal, start);
  const idle = createIdleStore({
    idleMs: () => configSignal.value.idleSeconds * 1000,
    warningMs: () => configSignal.value.warningSeconds * 1000,
    onExpire: () => {
      speech.stop();
      session.reset();
    },
  });
  return { config: configSignal, session, idle, speech };
}

export const KioskContext = createContext<Kiosk | null>(null);

/** The kiosk's stores; only valid inside `<KioskContext.Provider>`. */
export function useKiosk(): Kiosk {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error('useKiosk outside KioskContext');
  return kiosk;
}

/** A translate function bound to the session's language (re-renders when it changes). */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const locale = useKiosk().session.locale.value;
  return (key, params) => translate(locale, key, params);
}
