import type { LimitStore } from './limits.ts';
import { toDateOrNull, toInt } from './mappers.ts';
import type { PostgresDb } from './postgres-pool.ts';

// One statement each: the row lock orders concurrent hits from every process.
const HIT = `INSERT INTO rate_limits AS r (key, window_start, window_ms, hits) VALUES ($1, $2, $3, 1)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.window_start + r.window_ms <= $2 THEN 1 ELSE r.hits + 1 END,
    window_start = CASE WHEN r.window_start + r.window_ms <= $2 THEN $2 ELSE r.window_start END,
    window_ms = CASE WHEN r.window_start + r.window_ms <= $2 THEN $3 ELSE r.window_ms END
  RETURNING hits, window_start, window_ms`;
const RESERVE = `UPDATE admins SET
    failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= $1 THEN 1 ELSE failed_logins + 1 END,
    locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= $1 THEN NULL ELSE locked_until END
  WHERE username = $2 RETURNING failed_logins, locked_until`;
const PRUNE = 'DELETE FROM rate_limits WHERE window_start + window_ms < $1';

/** Shared limits in PostgreSQL (rate_limits is UNLOGGED: counters need no crash safety). */
export function postgresLimits(db: PostgresDb): LimitStore {
  return {
    async hit(key, windowMs, now) {
      const t = now.getTime();
      const [row] = await db.one(HIT, [key, t, windowMs]);
      if (!row) throw new Error('rate limit upsert returned no row');
      return { hits: toInt(row.hits), resetInMs: toInt(row.window_start) + toInt(row.window_ms) - t };
    },
    async reserveLoginAttempt(username, now) {
      const [row] = await db.one(RESERVE, [now, username]);
      if (!row) return null;
      return { attempts: toInt(row.failed_logins), lockedUntil: toDateOrNull(row.locked_until) };
    },
    async pruneRateLimits(before) {
      return db.changed(PRUNE, [before.getTime()]);
    },
  };
}
