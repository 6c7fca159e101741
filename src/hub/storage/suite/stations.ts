import { describe, expect, it } from 'vitest';
import {
  addStation,
  at,
  enrolledStation,
  expectCode,
  hash,
  heartbeat,
  type SuiteContext,
  unique,
} from './fixtures.ts';

/** Stations, enrollment codes, tokens, revocation and heartbeats. */
export function stationTests(ctx: SuiteContext): void {
  describe('stations', () => {
    it('creates a station with a generated id and reads it back', async () => {
      const store = ctx.store();
      const station = await store.createStation({ name: '文化站 1', town: unique('town'), group: 'g' });
      expect(station.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(station).toMatchObject({ name: '文化站 1', group: 'g', revokedAt: null, lastSeenAt: null });
      expect(station.createdAt).toBeInstanceOf(Date);
      expect(await store.getStation(station.id)).toEqual(station);
      expect(await store.getStation('no-such-station')).toBeNull();
    });

    it('lists stations sorted by town, then name', async () => {
      const store = ctx.store();
      const p = unique('list');
      await addStation(store, { town: `${p}-b`, name: 'a' });
      await addStation(store, { town: `${p}-a`, name: 'z' });
      await addStation(store, { town: `${p}-a`, name: 'm' });
      await addStation(store, { town: `${p}-b`, name: 'B' });
      const mine = (await store.listStations()).filter((s) => s.town.startsWith(p));
      expect(mine.map((s) => `${s.town.slice(p.length)}/${s.name}`)).toEqual([
        '-a/m',
        '-a/z',
        '-b/B',
        '-b/a',
      ]);
    });
  });

  describe('enrollment', () => {
    it('redeems a code once and sets the token', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      const code = hash();
      await store.addEnrollmentCode(station.id, code, at(60));
      const token = hash();
      expect((await store.redeemEnrollmentCode(code, token, at()))?.id).toBe(station.id);
      expect((await store.stationByTokenHash(token))?.id).toBe(station.id);
      expect(await store.redeemEnrollmentCode(code, hash(), at(1))).toBeNull();
      expect((await store.stationByTokenHash(token))?.id).toBe(station.id);
    });

    it('refuses unknown and expired codes', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      const code = hash();
      await store.addEnrollmentCode(station.id, code, at(10));
      expect(await store.redeemEnrollmentCode(hash(), hash(), at())).toBeNull();
      expect(await store.redeemEnrollmentCode(code, hash(), at(10))).toBeNull();
      expect(await store.redeemEnrollmentCode(code, hash(), at(11))).toBeNull();
      expect(await store.redeemEnrollmentCode(code, hash(), at(9))).not.toBeNull();
    });

    it('a new code invalidates earlier unused codes of the station only', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      const other = await addStation(store);
      const [first, second, others] = [hash(), hash(), hash()];
      await store.addEnrollmentCode(station.id, first, at(60));
      await store.addEnrollmentCode(other.id, others, at(60));
      await store.addEnrollmentCode(station.id, second, at(60));
      expect(await store.redeemEnrollmentCode(first, hash(), at())).toBeNull();
      expect((await store.redeemEnrollmentCode(second, hash(), at()))?.id).toBe(station.id);
      expect((await store.redeemEnrollmentCode(others, hash(), at()))?.id).toBe(other.id);
    });

    it('a new token replaces the earlier one', async () => {
      const store = ctx.store();
      const { station, token } = await enrolledStation(store);
      const code = hash();
      const next = hash();
      await store.addEnrollmentCode(station.id, code, at(60));
      expect((await store.redeemEnrollmentCode(code, next, at()))?.id).toBe(station.id);
      expect(await store.stationByTokenHash(token)).toBeNull();
      expect((await store.stationByTokenHash(next))?.id).toBe(station.id);
    });

    it('one code redeemed concurrently succeeds exactly once, across connections', async () => {
      const store = ctx.store();
      const second = await ctx.open();
      try {
        const station = await addStation(store);
        const code = hash();
        await store.addEnrollmentCode(station.id, code, at(60));
        const tokens = Array.from({ length: 6 }, () => hash());
        const results = await Promise.all(
          tokens.map((t, i) => (i % 2 ? second : store).redeemEnrollmentCode(code, t, at())),
        );
        const winners = tokens.filter((_, i) => results[i] !== null);
        expect(winners).toHaveLength(1);
        for (const t of tokens) {
          expect((await store.stationByTokenHash(t))?.id ?? null).toBe(t === winners[0] ? station.id : null);
        }
      } finally {
        await second.close();
      }
    });

    it('refuses a code for an unknown station', async () => {
      await expectCode(ctx.store().addEnrollmentCode('no-such-station', hash(), at(60)), 'NOT_FOUND');
    });
  });

  describe('revocation', () => {
    it('revokes a station, keeps the first time, and refuses its codes', async () => {
      const store = ctx.store();
      const { station, token } = await enrolledStation(store);
      const code = hash();
      await store.addEnrollmentCode(station.id, code, at(60));
      expect(await store.revokeStation(station.id, at(5))).toBe(true);
      expect(await store.revokeStation(station.id, at(6))).toBe(true);
      expect((await store.getStation(station.id))?.revokedAt).toEqual(at(5));
      expect(await store.redeemEnrollmentCode(code, hash(), at(7))).toBeNull();
      // The token still finds the station; callers refuse it because it is revoked.
      expect((await store.stationByTokenHash(token))?.revokedAt).toEqual(at(5));
    });

    it('returns false for an unknown station', async () => {
      expect(await ctx.store().revokeStation('no-such-station', at())).toBe(false);
    });
  });

  describe('heartbeats', () => {
    it('keeps the latest on the station and the history newest first', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      expect(await store.heartbeatHistory(station.id, 10)).toEqual([]);
      await store.recordHeartbeat(station.id, heartbeat(1), at(1));
      await store.recordHeartbeat(station.id, heartbeat(3, ['PACK_SIGNATURE_INVALID']), at(3));
      await store.recordHeartbeat(station.id, heartbeat(2), at(2));
      const latest = await store.getStation(station.id);
      expect(latest?.lastSeenAt).toEqual(at(3));
      expect(latest?.lastHeartbeat).toEqual(heartbeat(3, ['PACK_SIGNATURE_INVALID']));
      const history = await store.heartbeatHistory(station.id, 10);
      expect(history.map((h) => h.heartbeat.queue)).toEqual([3, 2, 1]);
      expect(history[0]).toEqual({ at: at(3), heartbeat: heartbeat(3, ['PACK_SIGNATURE_INVALID']) });
      expect((await store.heartbeatHistory(station.id, 2)).map((h) => h.at)).toEqual([at(3), at(2)]);
    });

    it('refuses a heartbeat for an unknown station', async () => {
      await expectCode(ctx.store().recordHeartbeat('no-such-station', heartbeat(0), at()), 'NOT_FOUND');
    });
  });
}
