import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Counter } from '../../protocol/usage.ts';

/** The kiosk's IndexedDB. Every record read back is validated before use. */
export interface KioskDB extends DBSchema {
  /** Small settings: the station's enrollment (`station`), and later the active pack pointer. */
  meta: { key: string; value: unknown };
  /** Counters not yet sealed into a batch, keyed by day+metric+key. */
  pending: { key: string; value: Counter };
  /** Sealed batches waiting for the hub's acknowledgement. */
  outbox: { key: string; value: { batchId: string; counters: Counter[] } };
}

export const DB_NAME = 'kepu-kiosk';
/** Bump with a new step in `MIGRATIONS`; never edit a step that has shipped. */
export const DB_VERSION = 1;

const MIGRATIONS: Array<(db: IDBPDatabase<KioskDB>) => void> = [
  (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('pending');
    db.createObjectStore('outbox', { keyPath: 'batchId' });
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
