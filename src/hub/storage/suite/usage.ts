import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Station, UsageQuery } from '../store.ts';
import { addStation, at, counter, type SuiteContext, unique } from './fixtures.ts';

/** Exactly-once usage batches and the totals queries. */
export function usageTests(ctx: SuiteContext): void {
  const total = async (stationId: string, from = '2000-01-01', to = '2100-01-01') =>
    ctx.store().usageTotals({ from, to, stationId, by: ['day', 'metric', 'key'] });

  describe('usage batches', () => {
    it('applies a batch once; a resend with other counters changes nothing', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      const batch = randomUUID();
      const first = [counter('2025-06-01', 'article_open', 'flu', 2)];
      expect(await store.applyUsageBatch(station.id, batch, first, at())).toBe('applied');
      const other = [
        counter('2025-06-01', 'article_open', 'flu', 50),
        counter('2025-06-02', 'language', 'vi', 1),
      ];
      expect(await store.applyUsageBatch(station.id, batch, other, at(1))).toBe('duplicate');
      expect(await total(station.id)).toEqual([
        { day: '2025-06-01', metric: 'article_open', key: 'flu', count: 2 },
      ]);
    });

    it('counts the same batch sent three times at once, across connections, once', async () => {
      const store = ctx.store();
      const second = await ctx.open();
      try {
        const station = await addStation(store);
        const batch = randomUUID();
        const counters = [
          counter('2025-06-01', 'quiz_start', 'daily', 1),
          counter('2025-06-01', 'language', 'en', 4),
        ];
        const results = await Promise.all([
          store.applyUsageBatch(station.id, batch, counters, at()),
          second.applyUsageBatch(station.id, batch, counters, at()),
          store.applyUsageBatch(station.id, batch, counters, at()),
        ]);
        expect([...results].sort()).toEqual(['applied', 'duplicate', 'duplicate']);
        expect(await total(station.id)).toEqual([
          { day: '2025-06-01', metric: 'language', key: 'en', count: 4 },
          { day: '2025-06-01', metric: 'quiz_start', key: 'daily', count: 1 },
        ]);
      } finally {
        await second.close();
      }
    });

    it('batches sent in the same moment by many stations each count once; a bad one fails alone', async () => {
      const store = ctx.store();
      const stations = await Promise.all([addStation(store), addStation(store), addStation(store)]);
      const results = await Promise.allSettled([
        ...stations.map((s, i) =>
          store.applyUsageBatch(s.id, randomUUID(), [counter('2025-07-01', 'language', 'vi', i + 1)], at()),
        ),
        store.applyUsageBatch(randomUUID(), randomUUID(), [counter('2025-07-01', 'language', 'vi', 9)], at()),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
      for (const [i, s] of stations.entries())
        expect(await total(s.id)).toEqual([
          { day: '2025-07-01', metric: 'language', key: 'vi', count: i + 1 },
        ]);
    });

    it('adds up counters within a batch and across batches', async () => {
      const store = ctx.store();
      const station = await addStation(store);
      const counters = [
        counter('2025-06-01', 'quiz_option', 'q-water/2', 1),
        counter('2025-06-01', 'quiz_option', 'q-water/2', 3),
        counter('2025-06-01', 'quiz_option', 'q-water/1', 1),
      ];
      await store.applyUsageBatch(station.id, randomUUID(), counters, at());
      await store.applyUsageBatch(station.id, randomUUID(), counters.slice(0, 1), at());
      expect(await total(station.id)).toEqual([
        { day: '2025-06-01', metric: 'quiz_option', key: 'q-water/1', count: 1 },
        { day: '2025-06-01', metric: 'quiz_option', key: 'q-water/2', count: 5 },
      ]);
    });

    it('adds up many different batches written at once', async () => {
      const store = ctx.store();
      const second = await ctx.open();
      try {
        const station = await addStation(store);
        const keys = ['a', 'b', 'c', 'd', 'e'];
        await Promise.all(
          Array.from({ length: 12 }, (_, i) => {
            const order = i % 2 ? keys : [...keys].reverse();
            const counters = order.map((k) => counter('2025-06-03', 'article_open', k, 1));
            return (i % 3 ? store : second).applyUsageBatch(station.id, randomUUID(), counters, at());
          }),
        );
        expect((await total(station.id)).map((r) => r.count)).toEqual([12, 12, 12, 12, 12]);
      } finally {
        await second.close();
      }
    });

    it('keeps batch ids per station', async () => {
      const store = ctx.store();
      const [a, b] = [await addStation(store), await addStation(store)];
      const batch = randomUUID();
      const counters = [counter('2025-06-01', 'idle_reset', '-', 1)];
      expect(await store.applyUsageBatch(a.id, batch, counters, at())).toBe('applied');
      expect(await store.applyUsageBatch(b.id, batch, counters, at())).toBe('applied');
    });

    it('refuses a batch for an unknown station', async () => {
      const counters = [counter('2025-06-01', 'idle_reset', '-', 1)];
      const result = ctx.store().applyUsageBatch('no-such-station', randomUUID(), counters, at());
      await expect(result).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('usage totals', () => {
    const group = unique('usage-group');
    const towns = [unique('town-a'), unique('town-b')].sort();
    const [townA = '', townB = ''] = towns;
    let s1: Station;
    let s2: Station;
    let s3: Station;
    const q = (over: Partial<UsageQuery>): Promise<unknown> =>
      ctx.store().usageTotals({ from: '2025-01-01', to: '2025-12-31', group, by: [], ...over });

    beforeAll(async () => {
      const store = ctx.store();
      s1 = await addStation(store, { town: townA, group, name: 's1' });
      s2 = await addStation(store, { town: townA, group, name: 's2' });
      s3 = await addStation(store, { town: townB, group, name: 's3' });
      const send = (s: Station, ...c: ReturnType<typeof counter>[]) =>
        store.applyUsageBatch(s.id, randomUUID(), c, at());
      await send(
        s1,
        counter('2025-03-01', 'article_open', 'flu', 3),
        counter('2025-03-02', 'article_open', 'flu', 1),
      );
      await send(
        s2,
        counter('2025-03-01', 'article_open', 'flu', 2),
        counter('2025-03-01', 'qr_shown', 'flu', 1),
      );
      await send(
        s3,
        counter('2025-03-02', 'article_open', 'rain', 5),
        counter('2025-04-01', 'language', 'vi', 7),
      );
      await send(s3, counter('2024-12-31', 'article_open', 'flu', 100));
    });

    it('totals everything when grouped by nothing', async () => {
      expect(await q({})).toEqual([{ count: 19 }]);
      expect(await q({ from: '2030-01-01', to: '2030-12-31' })).toEqual([{ count: 0 }]);
    });

    it('groups by day, inclusive of both ends', async () => {
      expect(await q({ by: ['day'], from: '2025-03-01', to: '2025-03-02' })).toEqual([
        { day: '2025-03-01', count: 6 },
        { day: '2025-03-02', count: 6 },
      ]);
      expect(await q({ by: ['day'], from: '2024-12-31', to: '2024-12-31' })).toEqual([
        { day: '2024-12-31', count: 100 },
      ]);
    });

    it('groups by metric and key, filtered by metrics', async () => {
      expect(await q({ by: ['metric', 'key'], metrics: ['article_open', 'language'] })).toEqual([
        { metric: 'article_open', key: 'flu', count: 6 },
        { metric: 'article_open', key: 'rain', count: 5 },
        { metric: 'language', key: 'vi', count: 7 },
      ]);
      expect(await q({ by: ['metric'], metrics: ['qr_shown'] })).toEqual([{ metric: 'qr_shown', count: 1 }]);
      expect(await q({ by: ['metric'], metrics: [] })).toEqual([]);
    });

    it('groups by station, town and group through the stations table', async () => {
      const byStation = [
        { stationId: s1.id, count: 4 },
        { stationId: s2.id, count: 3 },
        { stationId: s3.id, count: 12 },
      ].sort((a, b) => (a.stationId < b.stationId ? -1 : 1));
      expect(await q({ by: ['station'] })).toEqual(byStation);
      expect(await q({ by: ['town'] })).toEqual([
        { town: townA, count: 7 },
        { town: townB, count: 12 },
      ]);
      expect(await q({ by: ['group', 'town'], metrics: ['article_open'] })).toEqual([
        { group, town: townA, count: 6 },
        { group, town: townB, count: 5 },
      ]);
    });

    it('filters by station, town and group', async () => {
      expect(await q({ stationId: s2.id, by: ['metric'] })).toEqual([
        { metric: 'article_open', count: 2 },
        { metric: 'qr_shown', count: 1 },
      ]);
      expect(await q({ town: townB, by: ['day', 'key'] })).toEqual([
        { day: '2025-03-02', key: 'rain', count: 5 },
        { day: '2025-04-01', key: 'vi', count: 7 },
      ]);
      expect(await q({ group: unique('nobody'), by: ['day'] })).toEqual([]);
    });

    it('orders by the dimensions in the order asked', async () => {
      const rows = (await q({ by: ['key', 'day'], metrics: ['article_open'] })) as Array<{ key: string }>;
      expect(rows.map((r) => r.key)).toEqual(['flu', 'flu', 'rain']);
      expect(await q({ by: ['town', 'metric', 'town'], stationId: s3.id })).toEqual([
        { town: townB, metric: 'article_open', count: 5 },
        { town: townB, metric: 'language', count: 7 },
      ]);
    });

    it('refuses an unknown dimension', async () => {
      const by = ['day; DROP TABLE stations'] as unknown as UsageQuery['by'];
      await expect(q({ by })).rejects.toThrow(/unknown usage dimension/);
    });
  });
}
