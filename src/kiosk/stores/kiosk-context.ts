import { type Signal, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StationConfig } from '../../protocol/station-config.ts';
import type { Metric } from '../../protocol/usage.ts';
import type { Speech } from '../data/speech.ts';
import { type MessageKey, translate } from '../i18n/index.ts';
import type { ContentStore } from './content-store.ts';
import { createIdleStore, type IdleStore } from './idle-store.ts';
import type { Route } from './route.ts';
import { createSessionStore, type SessionStore } from './session-store.ts';
import type { StationStore } from './station-store.ts';

/** Where anonymous counts go (the usage outbox). */
export interface UsageCounter {
  count(metric: Metric, key: string): void;
  /** Called at every idle reset, so counts reach storage between residents. */
  flush(): Promise<void>;
}

/** Everything the screens share, built fresh per app (and per test). */
export interface Kiosk {
  /** Writable: the hub's station config is applied to it. */
  config: Signal<StationConfig>;
  session: SessionStore;
  idle: IdleStore;
  speech: Speech;
  content: ContentStore;
  usage: UsageCounter;
  station: StationStore;
}

/** What the kiosk is built from; `main.tsx` supplies the real ones. */
export interface KioskParts {
  config: StationConfig;
  speech: Speech;
  content: ContentStore;
  usage: UsageCounter;
  station: StationStore;
  start?: Route;
}

/** Wires the stores together: an idle timeout resets the session, silences speech, flushes counts. */
export function createKiosk(parts: KioskParts): Kiosk {
  const { speech, usage } = parts;
  const config = signal(parts.config);
  const session = createSessionStore(config, parts.start);
  const idle = createIdleStore({
    idleMs: () => config.value.idleSeconds * 1000,
    warningMs: () => config.value.warningSeconds * 1000,
    onExpire: () => {
      speech.stop();
      session.reset();
      parts.station.forgetAcknowledged();
      usage.count('idle_reset', '-');
      usage.flush().catch((error: unknown) => console.warn('USAGE_FLUSH_FAILED', error));
    },
  });
  return { config, session, idle, speech, content: parts.content, usage, station: parts.station };
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
