import { randomUUID } from 'node:crypto';
import type { PartnerStore } from './partner-store.ts';
import type { PostgresDb } from './postgres-pool.ts';
import { toPartnerKey } from './warning-mappers.ts';

const P = {
  insert: `INSERT INTO partner_keys (id, name, key_hash, prefix, groups, scopes, created_by, created_at)
    VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
  byHash: 'SELECT * FROM partner_keys WHERE key_hash = $1',
  list: 'SELECT * FROM partner_keys ORDER BY created_at DESC, id COLLATE "C"',
  revoke: 'UPDATE partner_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2',
  touch: `UPDATE partner_keys SET last_used_at = $1
    WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)`,
} as const;

/** Partner API keys on PostgreSQL. */
export function postgresPartnerStore({ one, changed }: PostgresDb): PartnerStore {
  return {
    async createKey(key) {
      const id = randomUUID();
      await one(P.insert, [
        id,
        key.name,
        key.hash,
        key.prefix,
        JSON.stringify(key.groups),
        JSON.stringify(key.scopes),
        key.createdBy,
        key.createdAt,
      ]);
      const { hash: _hash, ...rest } = key;
      return { ...rest, id, revokedAt: null, lastUsedAt: null };
    },
    async keyByHash(hash) {
      const [row] = await one(P.byHash, [hash]);
      return row ? toPartnerKey(row) : null;
    },
    async listKeys() {
      return (await one(P.list)).map(toPartnerKey);
    },
    async revokeKey(id, at) {
      return (await changed(P.revoke, [at, id])) > 0;
    },
    async touchKey(id, at) {
      await changed(P.touch, [at, id, new Date(at.getTime() - 60_000)]);
    },
  };
}
