import type { IDBPDatabase } from 'idb';
import type { PackManifest } from '../../protocol/pack-manifest.ts';
import type { SubtleLike } from '../../protocol/pack-verify.ts';
import {
  contentKeysEver,
  isStale,
  openTrust,
  type RefreshResult,
  referenceTime,
  refreshTrust,
  type TrustSource,
  type TrustView,
} from '../../protocol/trust-state.ts';
import { trustCrypto, verifyStoredContent } from '../../protocol/trust-verify.ts';
import type { KioskDB } from './kiosk-db.ts';

/** What the maintenance screen and the heartbeat say about update trust. */
export interface TrustStatus {
  rootVersion: number;
  rootExpires: string;
  /** The hub's time in the newest timestamp accepted (ISO), or null. */
  signedTime: string | null;
  /** No fresh timestamp for a day (UPDATES_STALE). */
  stale: boolean;
  /** The reference time and where it comes from. */
  now: string;
  source: 'signed' | 'device' | 'floor';
}

export interface KioskTrustOptions {
  db: () => Promise<IDBPDatabase<KioskDB>>;
  /** Root 1 as built into the app (its JSON), the anchor of every chain. */
  firstRoot: unknown;
  subtle: SubtleLike;
  /** The earliest time "now" can be: the build's time (a dead clock is judged against it at worst). */
  floorMs: number;
  deviceNow?: () => number;
  monotonic?: () => number;
}

/**
 * The kiosk's update trust (protocol/trust-state.ts) on its IndexedDB: the chain from the
 * built-in root, the floors, and the reference time. The state is read once and kept; each
 * step of an update round is written before the next one starts.
 */
export function createKioskTrust(options: KioskTrustOptions) {
  const crypto = trustCrypto(options.subtle);
  const deviceNow = options.deviceNow ?? (() => Date.now());
  const monotonic = options.monotonic ?? (() => performance.now());
  const started = monotonic();
  let opened: Promise<TrustView> | null = null;
  let damaged = false;

  function view(): Promise<TrustView> {
    if (opened) return opened;
    const reading = (async () => {
      const stored = await (await options.db()).get('meta', 'trust');
      const result = await openTrust(crypto, options.firstRoot, stored, deviceNow());
      damaged ||= result.damaged;
      return result.view;
    })();
    opened = reading;
    reading.catch(() => {
      if (opened === reading) opened = null;
    });
    return reading;
  }

  function ref(current: TrustView) {
    return referenceTime(current, {
      deviceMs: deviceNow(),
      floorMs: options.floorMs,
      elapsedMs: monotonic() - started,
    });
  }

  return {
    view,

    /** The time expiry is judged against now. */
    async now(): Promise<Date> {
      return new Date(ref(await view()).ms);
    },

    /** One update round over `source` (roots, timestamp, manifest); throws PackError with the code. */
    async refresh(
      source: TrustSource,
      round: { checkExpiry: boolean; have: (version: number) => boolean },
    ): Promise<RefreshResult> {
      const current = await view();
      const db = await options.db();
      try {
        const result = await refreshTrust(crypto, current, source, {
          ref: new Date(ref(current).ms),
          checkExpiry: round.checkExpiry,
          have: round.have,
          deviceMs: deviceNow(),
          persist: async (record) => {
            await db.put('meta', record, 'trust');
          },
        });
        opened = Promise.resolve(result.view);
        return result;
      } catch (error) {
        // Steps that passed were stored: read them back rather than keep the old view.
        opened = null;
        throw error;
      }
    },

    /** A stored manifest read back: signed by a content key some trusted root listed. */
    async verifyStored(json: unknown): Promise<PackManifest> {
      return verifyStoredContent(crypto, json, contentKeysEver(await view()));
    },

    /** The newest content version accepted (the floor), if any. */
    async acceptedVersion(): Promise<number | null> {
      return (await view()).record.content?.version ?? null;
    },

    async status(): Promise<TrustStatus> {
      const current = await view();
      const time = ref(current);
      return {
        rootVersion: current.root.version,
        rootExpires: current.root.expires,
        signedTime: current.timestamp?.time ?? null,
        stale: isStale(current, time.ms),
        now: new Date(time.ms).toISOString(),
        source: time.source,
      };
    },

    /** Whether the stored state was found damaged (reported once as TRUST_STATE_INVALID). */
    damaged: () => damaged,
  };
}

export type KioskTrust = ReturnType<typeof createKioskTrust>;
