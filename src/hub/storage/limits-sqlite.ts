import type { LimitStore } from './limits.ts';
import { toDateOrNull, toInt } from './mappers.ts';
import type { SqliteDb } from './sqlite-db.ts';

// Old values on the right of SET (standard UPDATE semantics), so the window test sees the stored row.
const HIT = `INSERT INTO rate_limits (key, window_start, window_ms, hits) VALUES (@key, @now, @windowMs, 1)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN window_start + window_ms <= @now THEN 1 ELSE hits + 1 END,
    window_start = CASE WHEN window_start + window_ms <= @now THEN @now ELSE window_start END,
    window_ms = CASE WHEN window_start + window_ms <= @now THEN @windowMs ELSE window_ms END
  RETURNING hits, window_start, window_ms`;
const RESERVE = `UPDATE admins SET
    failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failed_logins + 1 END,
    locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN NULL ELSE locked_until END
  WHERE username = @username RETURNING failed_logins, locked_until`;
const PRUNE = 'DELETE FROM rate_limits WHERE window_start + window_ms < ?';

/** Shared limits in the hub's SQLite file. */
export function sqliteLimits(db: SqliteDb): LimitStore {
  return {
    async hit(key, windowMs, now) {
      const t = now.getTime();
      const row = db.write(() => db.get(HIT, { key, now: t, windowMs }));
      if (!row) throw new Error('rate limit upsert returned no row');
      return { hits: toInt(row.hits), resetInMs: toInt(row.window_start) + toInt(row.window_ms) - t };
    },
    async reserveLoginAttempt(username, now) {
      const row = db.write(() => db.get(RESERVE, { now: now.getTime(), username }));
      if (!row) return null;
      return { attempts: toInt(row.failed_logins), lockedUntil: toDateOrNull(row.locked_until) };
    },
    async pruneRateLimits(before) {
      return db.write(() => db.run(PRUNE, before.getTime()));
    },
  };
}
