import { toDate } from './mappers.ts';
import type { SqlPort } from './sql-port.ts';

/**
 * Named leases in the database, so work that must happen once runs on one hub process at a
 * time: a lease is taken when it is free or expired, and held until its expiry.
 */
export interface LeaseStore {
  /** Takes `name` for `holder` until `until` if it is free or expired at `now` (whoever held it). */
  acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
  /** Extends a lease its holder still holds at `now`; false when it expired or passed to another. */
  renew(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
  /** Gives a lease back early (only its holder can). */
  release(name: string, holder: string): Promise<void>;
  /** Who holds a lease and until when (expired leases included). */
  get(name: string): Promise<{ holder: string; expiresAt: Date } | null>;
}

/** The lease store on either database: one upsert that only replaces an expired lease. */
export function createLeaseStore(port: SqlPort): LeaseStore {
  return {
    async acquire(name, holder, until, now) {
      const changed = await port.run(
        `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.expires_at <= ?`,
        [name, holder, until, now],
      );
      return changed === 1;
    },
    async renew(name, holder, until, now) {
      const changed = await port.run(
        'UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND expires_at > ?',
        [until, name, holder, now],
      );
      return changed === 1;
    },
    async release(name, holder) {
      await port.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]);
    },
    async get(name) {
      const [row] = await port.all('SELECT holder, expires_at FROM leases WHERE name = ?', [name]);
      return row ? { holder: String(row.holder), expiresAt: toDate(row.expires_at) } : null;
    },
  };
}
