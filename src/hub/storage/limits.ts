/**
 * Counters every hub process shares through the database, so limits hold across a fleet of
 * processes behind a load balancer: request rate limits and sign-in attempt reservations.
 */
export interface LimitStore {
  /**
   * Counts one request for `key` in a fixed window of `windowMs` starting at its first hit;
   * returns the hits in the current window (this one included) and the ms until it ends.
   */
  hit(key: string, windowMs: number, now: Date): Promise<{ hits: number; resetInMs: number }>;
  /**
   * Reserves one sign-in attempt for `username` before its password is checked, so concurrent
   * attempts on any process count at once: an expired lock starts the count again. Returns the
   * attempts counted (this one included) and the lock in force, or null for an unknown account.
   */
  reserveLoginAttempt(
    username: string,
    now: Date,
  ): Promise<{ attempts: number; lockedUntil: Date | null } | null>;
  /** Forgets rate-limit windows that ended before `before`; returns how many. */
  pruneRateLimits(before: Date): Promise<number>;
}
