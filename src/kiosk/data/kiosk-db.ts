import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Counter } from '../../protocol/usage.ts';

/** The kiosk's IndexedDB. Every record read back is validated before use. */
export interface KioskDB extends DBSchema {
  /** Small settings: the station's enrollment (`station`), the active pack (`activePack`), update state (`update`). */
  meta: { key: string; value: unknown };
  /** Counters not yet sealed into a batch, keyed by day+metric+key. */
  pending: { key: string; value: Counter };
  /** Sealed batches waiting for the hub's acknowledgement. */
  outbox: { key: string; value: { batchId: string; counters: Counter[] } };
  /** Content packs this kiosk holds or is fetching, by version: the signed manifest as received. */
  packs: { key: number; value: PackRecord };
  /** Which blobs are in the content cache (Cache Storage holds the bytes), by sha256. */
  blobs: { key: string; value: { sha256: string; size: number } };
}

/** A pack as stored: `complete` once every blob is in the content cache and verified. */
export interface PackRecord {
  version: number;
  signedJson: string;
  complete: boolean;
  receivedAt: string;
}

export const DB_NAME = 'kepu-kiosk';
/** Bump with a new step in `MIGRATIONS`; never edit a step that has shipped. */
export const DB_VERSION = 2;

const MIGRATIONS: Array<(db: IDBPDatabase<KioskDB>) => void> = [
  (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('pending');
    db.createObjectStore('outbox', { keyPath: 'batchId' });
  },
  // 2: the content store and update engine (active pack pointer lives in meta `activePack`).
  (db) => {
    db.createObjectStore('packs', { keyPath: 'version' });
    db.createObjectStore('blobs', { keyPath: 'sha256' });
  },
];

/** Opens (and migrates) the kiosk database. */
export function openKioskDb(name = DB_NAME): Promise<IDBPDatabase<KioskDB>> {
  return openDB<KioskDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]?.(db);
    },
  });
}
