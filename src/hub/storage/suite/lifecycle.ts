import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addStation,
  at,
  counter,
  enrolledStation,
  heartbeat,
  type SuiteContext,
  unique,
} from './fixtures.ts';

/** Migrations and durability. */
export function lifecycleTests(ctx: SuiteContext): void {
  describe('lifecycle', () => {
    it('says which database it is', () => {
      expect(['sqlite', 'postgres']).toContain(ctx.store().kind);
    });

    it('migrates again, and from two connections at once, without harm', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      await store.migrate();
      const second = await ctx.open();
      try {
        await Promise.all([store.migrate(), second.migrate(), store.migrate()]);
        expect(await second.getStation(station.id)).toEqual(station);
      } finally {
        await second.close();
      }
    });

    it('keeps data after close and reopen', async () => {
      const first = await ctx.open();
      await first.migrate();
      const { station, token } = await enrolledStation(first);
      const counters = [counter('2025-06-05', 'tutorial_step', 'phone-pay/3', 2)];
      await first.applyUsageBatch(station.id, randomUUID(), counters, at());
      await first.recordHeartbeat(station.id, heartbeat(5), at(1));
      const username = unique('admin');
      await first.createAdmin({ username, passwordHash: 'x', role: 'viewer' });
      await first.close();
      await first.close();

      const reopened = await ctx.open();
      try {
        await reopened.migrate();
        expect(await reopened.stationByTokenHash(token)).toEqual({
          ...station,
          lastSeenAt: at(1),
          lastHeartbeat: heartbeat(5),
        });
        const usage = await reopened.usageTotals({
          from: '2025-06-05',
          to: '2025-06-05',
          stationId: station.id,
          by: [],
        });
        expect(usage).toEqual([{ count: 2 }]);
        expect((await reopened.adminByUsername(username))?.role).toBe('viewer');
      } finally {
        await reopened.close();
      }
    });
  });
}
