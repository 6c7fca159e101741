import { type ReadonlySignal, signal } from '@preact/signals';
import type { Notice } from '../../protocol/notice.ts';
import type { RemoteConfig } from '../../protocol/remote-config.ts';
import type { Enrollment } from '../data/hub-client.ts';

const MAX_ERRORS = 20;

/** What the maintenance screen shows about storage and content. */
export interface MaintenanceStatus {
  packVersion: number | null;
  packCreated: string | null;
  queue: number;
  storage: { used: number; quota: number } | null;
  /** Update trust: the root version and its expiry, the newest signed time, staleness. */
  trust: { rootVersion: number; rootExpires: string; signedTime: string | null; stale: boolean } | null;
}

/** What the hub connection and update engine do on request; supplied once they have loaded. */
export interface StationActions {
  /** Exchanges an enrollment code for a token; resolves an error code, or null on success. */
  enroll(code: string): Promise<string | null>;
  /** Runs a sync round now; resolves whether it succeeded. */
  syncNow(): Promise<boolean>;
  /** Checks the hub for a new pack now (downloads and stages it). */
  checkUpdate(): Promise<boolean>;
  /** Switches to a staged pack now (maintenance staff only; residents get it at idle). */
  applyUpdate(): Promise<void>;
  /** Installs a pack file from a USB stick; resolves the result code. */
  sideload(file: Blob): Promise<string>;
  status(): Promise<MaintenanceStatus>;
  update: {
    progress: ReadonlySignal<{ done: number; total: number } | null>;
    staged: ReadonlySignal<number | null>;
    lastResult: ReadonlySignal<{ at: Date; result: string } | null>;
  };
}

/**
 * This kiosk as the hub knows it: its enrollment, the hub's config and notices, the last
 * sync, and the error codes it has met (shown on the maintenance screen, sent in heartbeats).
 */
export function createStationStore() {
  const enrollment = signal<Enrollment | null>(null);
  const remote = signal<RemoteConfig | null>(null);
  const notices = signal<readonly Notice[]>([]);
  const chime = signal(true);
  // Alarms read in this resident's session ("I have read it"), by notice version.
  const acknowledged = signal<ReadonlySet<string>>(new Set());
  const errors = signal<readonly string[]>([]);
  const lastSync = signal<{ at: Date; ok: boolean } | null>(null);
  const actions = signal<StationActions | null>(null);

  return {
    enrollment,
    remote,
    notices,
    /** Whether an Extreme alert's alarm may chime here (the group's quiet setting). */
    chime: chime as ReadonlySignal<boolean>,
    acknowledged: acknowledged as ReadonlySignal<ReadonlySet<string>>,
    errors,
    lastSync,
    /** The connected actions, or null while the hub link is still loading. */
    actions: actions as ReadonlySignal<StationActions | null>,

    /** Remembers an error code (most recent first, each once). */
    reportError(code: string): void {
      errors.value = [code, ...errors.value.filter((c) => c !== code)].slice(0, MAX_ERRORS);
    },

    /** Forgets a code whose condition has ended (UPDATES_STALE once a fresh timestamp came). */
    clearError(code: string): void {
      if (errors.value.includes(code)) errors.value = errors.value.filter((c) => c !== code);
    },

    /** Connects the hub connection's actions. */
    connect(next: StationActions): void {
      actions.value = next;
    },

    enroll(code: string): Promise<string | null> {
      return actions.value ? actions.value.enroll(code) : Promise.resolve('HUB_NOT_READY');
    },

    syncNow(): Promise<boolean> {
      return actions.value ? actions.value.syncNow() : Promise.resolve(false);
    },

    /** Records how a sync round went. */
    syncResult(ok: boolean, at: Date): void {
      lastSync.value = { at, ok };
    },

    applyConfig(config: RemoteConfig): void {
      remote.value = config;
      notices.value = config.notices;
      chime.value = config.chime ?? true;
    },

    /** The resident has read this version of an alarm; it does not interrupt this session again. */
    acknowledge(versionKey: string): void {
      acknowledged.value = new Set([...acknowledged.value, versionKey]);
    },

    /** A new session (after an idle reset) sees every live alarm again. */
    forgetAcknowledged(): void {
      if (acknowledged.value.size > 0) acknowledged.value = new Set();
    },
  };
}

export type StationStore = ReturnType<typeof createStationStore>;
