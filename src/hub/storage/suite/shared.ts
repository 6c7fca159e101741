import { describe, expect, it } from 'vitest';
import { addStation, at, hash, type SuiteContext, unique } from './fixtures.ts';

/** What several hub processes share: rate limits, sign-in attempts, job leases, drafts. */
export function sharedTests(ctx: SuiteContext): void {
  describe('rate limits shared through the database', () => {
    it('counts hits in a fixed window, from two connections as one', async () => {
      const key = unique('rl');
      const other = await ctx.open();
      try {
        const a = ctx.store().limits;
        const b = other.limits;
        expect(await a.hit(key, 60_000, at(0))).toEqual({ hits: 1, resetInMs: 60_000 });
        expect(await b.hit(key, 60_000, new Date(at(0).getTime() + 10_000))).toEqual({
          hits: 2,
          resetInMs: 50_000,
        });
        // Hits at once from both: each counted exactly once.
        const t = new Date(at(0).getTime() + 20_000);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).hit(key, 60_000, t)),
        );
        expect(results.map((r) => r.hits).sort((x, y) => x - y)).toEqual(
          Array.from({ length: 20 }, (_, i) => i + 3),
        );
        // The window ends: the count starts again.
        expect(await a.hit(key, 60_000, at(1))).toEqual({ hits: 1, resetInMs: 60_000 });
        expect((await a.hit(unique('rl-other'), 60_000, at(1))).hits).toBe(1);
      } finally {
        await other.close();
      }
    });

    it('prunes windows that have ended', async () => {
      const key = unique('rl-prune');
      const store = ctx.store();
      await store.limits.hit(key, 60_000, at(100));
      expect(await store.limits.pruneRateLimits(at(100))).toBeGreaterThanOrEqual(0);
      expect((await store.limits.hit(key, 60_000, at(100))).hits).toBe(2);
      expect(await store.limits.pruneRateLimits(at(102))).toBeGreaterThanOrEqual(1);
      expect((await store.limits.hit(key, 60_000, at(100))).hits).toBe(1);
    });
  });

  describe('sign-in attempts', () => {
    it('reserves attempts atomically; an expired lock starts the count again', async () => {
      const store = ctx.store();
      const { username } = await store.createAdmin({
        username: unique('u'),
        passwordHash: `scrypt$${hash()}`,
        role: 'viewer',
      });
      expect(await store.limits.reserveLoginAttempt(unique('nobody'), at(0))).toBeNull();
      const other = await ctx.open();
      try {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? store : other).limits.reserveLoginAttempt(username, at(0)),
          ),
        );
        expect(results.map((r) => r?.attempts).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
      } finally {
        await other.close();
      }
      await store.lockAdmin(username, at(15));
      expect(await store.limits.reserveLoginAttempt(username, at(10))).toEqual({
        attempts: 11,
        lockedUntil: at(15),
      });
      expect(await store.limits.reserveLoginAttempt(username, at(15))).toEqual({
        attempts: 1,
        lockedUntil: null,
      });
    });
  });

  describe('enrollment retried after a lost answer', () => {
    it('the same attempt may redeem its code again within 10 minutes; nobody else, and not later', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      const code = hash();
      const attempt = hash();
      await store.addEnrollmentCode(station.id, code, at(60));
      const first = hash();
      expect((await store.redeemEnrollmentCode(code, first, at(0), attempt))?.id).toBe(station.id);
      // Someone else with the code, or a try without the attempt: refused as before.
      expect(await store.redeemEnrollmentCode(code, hash(), at(1), hash())).toBeNull();
      expect(await store.redeemEnrollmentCode(code, hash(), at(1))).toBeNull();
      // The kiosk that never got its answer tries again: a new token replaces the lost one.
      const second = hash();
      expect((await store.redeemEnrollmentCode(code, second, at(5), attempt))?.id).toBe(station.id);
      expect((await store.stationByTokenHash(second))?.id).toBe(station.id);
      expect(await store.stationByTokenHash(first)).toBeNull();
      // Ten minutes after the first use the code is spent for good.
      expect(await store.redeemEnrollmentCode(code, hash(), at(10.5), attempt)).toBeNull();
      expect((await store.stationByTokenHash(second))?.id).toBe(station.id);
    });
  });

  describe('leases across connections', () => {
    it('ten processes taking one lease at once: exactly one gets it, another only after it expires', async () => {
      const name = unique('lease');
      const other = await ctx.open();
      try {
        const until = at(60);
        const taken = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 ? ctx.store() : other).leases.acquire(name, `holder-${i}`, until, at(0)),
          ),
        );
        expect(taken.filter(Boolean)).toHaveLength(1);
        const winner = `holder-${taken.indexOf(true)}`;
        expect((await other.leases.get(name))?.holder).toBe(winner);
        expect(await ctx.store().leases.acquire(name, 'late', at(120), at(59))).toBe(false);
        expect(await other.leases.acquire(name, 'late', at(120), at(60))).toBe(true);
        expect(await ctx.store().leases.renew(name, winner, at(180), at(61))).toBe(false);
      } finally {
        await other.close();
      }
    });
  });

  describe('drafts from any process', () => {
    it('lists every draft, oldest first, to any connection', async () => {
      const store = ctx.store();
      const id = crypto.randomUUID();
      await store.saveDraft({ id, adminId: null, createdAt: at(-5), data: '{"files":[]}' });
      const other = await ctx.open();
      try {
        const drafts = await other.listDrafts();
        expect(drafts.find((d) => d.id === id)).toEqual({
          id,
          adminId: null,
          createdAt: at(-5),
          data: '{"files":[]}',
        });
        const times = drafts.map((d) => d.createdAt.getTime());
        expect(times).toEqual([...times].sort((x, y) => x - y));
      } finally {
        await other.close();
        await store.deleteDraft(id);
      }
    });
  });
}
