import { randomUUID } from 'node:crypto';
import type { PartnerStore } from './partner-store.ts';
import type { SqliteDb } from './sqlite-db.ts';
import { toPartnerKey } from './warning-mappers.ts';

const P = {
  insert: `INSERT INTO partner_keys (id, name, key_hash, prefix, groups, scopes, created_by, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  byHash: 'SELECT * FROM partner_keys WHERE key_hash = ?',
  list: 'SELECT * FROM partner_keys ORDER BY created_at DESC, id',
  revoke: 'UPDATE partner_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?',
  // At most one write a minute per key: a busy partner does not turn every call into a write.
  touch:
    'UPDATE partner_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
} as const;

/** Partner API keys on the hub's SQLite file. */
export function sqlitePartnerStore({ get, all, run }: SqliteDb): PartnerStore {
  return {
    async createKey(key) {
      const id = randomUUID();
      run(
        P.insert,
        id,
        key.name,
        key.hash,
        key.prefix,
        JSON.stringify(key.groups),
        JSON.stringify(key.scopes),
        key.createdBy,
        key.createdAt.getTime(),
      );
      const { hash: _hash, ...rest } = key;
      return { ...rest, id, revokedAt: null, lastUsedAt: null };
    },
    async keyByHash(hash) {
      const row = get(P.byHash, hash);
      return row ? toPartnerKey(row) : null;
    },
    async listKeys() {
      return all(P.list).map(toPartnerKey);
    },
    async revokeKey(id, at) {
      return run(P.revoke, at.getTime(), id) > 0;
    },
    async touchKey(id, at) {
      run(P.touch, at.getTime(), id, at.getTime() - 60_000);
    },
  };
}
