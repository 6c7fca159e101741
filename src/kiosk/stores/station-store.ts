import { signal } from '@preact/signals';
import type { Notice } from '../../protocol/notice.ts';
import type { RemoteConfig } from '../../protocol/remote-config.ts';
import type { Enrollment } from '../data/hub-client.ts';

const MAX_ERRORS = 20;

/** What the hub connection does on request; supplied once it has loaded. */
export interface StationActions {
  /** Exchanges an enrollment code for a token; resolves an error code, or null on success. */
  enroll(code: string): Promise<string | null>;
  /** Runs a sync round now; resolves whether it succeeded. */
  syncNow(): Promise<boolean>;
}

/**
 * This kiosk as the hub knows it: its enrollment, the hub's config and notices, the last
 * sync, and the error codes it has met (shown on the maintenance screen, sent in heartbeats).
 */
export function createStationStore() {
  const enrollment = signal<Enrollment | null>(null);
  const remote = signal<RemoteConfig | null>(null);
  const notices = signal<readonly Notice[]>([]);
  const errors = signal<readonly string[]>([]);
  const lastSync = signal<{ at: Date; ok: boolean } | null>(null);
  let actions: StationActions | undefined;

  return {
    enrollment,
    remote,
    notices,
    errors,
    lastSync,

    /** Remembers an error code (most recent first, each once). */
    reportError(code: string): void {
      errors.value = [code, ...errors.value.filter((c) => c !== code)].slice(0, MAX_ERRORS);
    },

    /** Connects the hub connection's actions. */
    connect(next: StationActions): void {
      actions = next;
    },

    enroll(code: string): Promise<string | null> {
      return actions ? actions.enroll(code) : Promise.resolve('HUB_NOT_READY');
    },

    syncNow(): Promise<boolean> {
      return actions ? actions.syncNow() : Promise.resolve(false);
    },

    /** Records how a sync round went. */
    syncResult(ok: boolean, at: Date): void {
      lastSync.value = { at, ok };
    },

    applyConfig(config: RemoteConfig): void {
      remote.value = config;
      notices.value = config.notices;
    },
  };
}

export type StationStore = ReturnType<typeof createStationStore>;
