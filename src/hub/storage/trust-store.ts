import { type Row, toDate, toInt } from './mappers.ts';
import type { SqlPort } from './sql-port.ts';

/** A root of trust as the hub keeps it: the signed document exactly as kiosks download it. */
export interface StoredRoot {
  version: number;
  json: string;
  addedAt: Date;
}

/** A timestamp the hub signed, kept per pinned release. */
export interface StoredTimestamp {
  /** Unique across all: a kiosk whose group moves to another release still sees versions go up. */
  version: number;
  /** What it is kept under (`pack:<release version>`). */
  group: string;
  json: string;
  /** The content version it pins. */
  contentVersion: number;
  expiresAt: Date;
}

/**
 * The update-trust metadata the hub serves: the root chain (every version, for kiosks that
 * walk it) and the latest timestamp per pinned release (shared by every hub process).
 */
export interface TrustStore {
  /** Every root, version 1 first. */
  listRoots(): Promise<StoredRoot[]>;
  /** Adds a root; CONFLICT when its version is already taken. */
  addRoot(root: StoredRoot): Promise<void>;
  /** The newest timestamp signed for `group`, if any. */
  latestTimestamp(group: string): Promise<StoredTimestamp | null>;
  /** The highest timestamp version of any group, 0 when there is none. */
  maxTimestampVersion(): Promise<number>;
  /** Records a timestamp and forgets the group's older ones; CONFLICT when its version is taken. */
  addTimestamp(timestamp: StoredTimestamp): Promise<void>;
}

const toTimestamp = (r: Row): StoredTimestamp => ({
  version: toInt(r.version),
  group: String(r.group_name),
  json: String(r.json),
  contentVersion: toInt(r.content_version),
  expiresAt: toDate(r.expires_at),
});

/** The trust tables on either database. */
export function createTrustStore(port: SqlPort): TrustStore {
  return {
    async listRoots() {
      return (await port.all('SELECT version, json, added_at FROM trust_roots ORDER BY version')).map(
        (r) => ({
          version: toInt(r.version),
          json: String(r.json),
          addedAt: toDate(r.added_at),
        }),
      );
    },
    async addRoot(root) {
      await port.run('INSERT INTO trust_roots (version, json, added_at) VALUES (?, ?, ?)', [
        root.version,
        root.json,
        root.addedAt,
      ]);
    },
    async latestTimestamp(group) {
      const [row] = await port.all(
        'SELECT version, group_name, json, content_version, expires_at FROM trust_timestamps WHERE group_name = ? ORDER BY version DESC LIMIT 1',
        [group],
      );
      return row ? toTimestamp(row) : null;
    },
    async maxTimestampVersion() {
      const [row] = await port.all('SELECT COALESCE(MAX(version), 0) AS version FROM trust_timestamps');
      return toInt(row?.version ?? 0);
    },
    async addTimestamp(t) {
      await port.batch([
        [
          'INSERT INTO trust_timestamps (version, group_name, json, content_version, expires_at) VALUES (?, ?, ?, ?, ?)',
          [t.version, t.group, t.json, t.contentVersion, t.expiresAt],
        ],
        ['DELETE FROM trust_timestamps WHERE group_name = ? AND version < ?', [t.group, t.version]],
      ]);
    },
  };
}
