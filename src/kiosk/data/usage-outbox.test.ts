import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKioskDb } from './kiosk-db.ts';
import { createUsageOutbox, localDay } from './usage-outbox.ts';

let n = 0;
const fresh = () => openKioskDb(`test-${n++}`);

describe('usage outbox', () => {
  it('adds counts up in memory, then in IndexedDB, and seals them into one batch', async () => {
    const db = fresh();
    const outbox = createUsageOutbox(db, () => '2026-11-28');
    outbox.count('article_open', 'heat-illness');
    outbox.count('article_open', 'heat-illness');
    await outbox.flush();
    outbox.count('article_open', 'heat-illness');
    outbox.count('language', 'vi');
    expect(await outbox.seal()).toBe(1);
    const [batch, ...rest] = await outbox.batches();
    expect(rest).toEqual([]);
    expect(batch?.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(batch?.counters).toEqual(
      expect.arrayContaining([
        { day: '2026-11-28', metric: 'article_open', key: 'heat-illness', count: 3 },
        { day: '2026-11-28', metric: 'language', key: 'vi', count: 1 },
      ]),
    );
    expect((await (await db).getAll('pending')).length).toBe(0);
  });

  it('refuses keys outside the vocabulary (no free text leaves the kiosk)', async () => {
    const outbox = createUsageOutbox(fresh());
    outbox.count('language', 'klingon');
    outbox.count('article_open', 'My Name Is Li');
    expect(await outbox.seal()).toBe(0);
    expect(await outbox.batches()).toEqual([]);
  });

  it('keeps a batch until it is acknowledged, across a reopen', async () => {
    const name = `persist-${n++}`;
    const first = createUsageOutbox(openKioskDb(name), () => '2026-11-27');
    first.count('idle_reset', '-');
    await first.seal();
    const again = createUsageOutbox(openKioskDb(name));
    const [batch] = await again.batches();
    expect(batch?.counters[0]?.count).toBe(1);
    expect(await again.queueLength()).toBe(1);
    await again.acknowledge(batch?.batchId ?? '');
    expect(await again.queueLength()).toBe(0);
  });

  it('splits more than 500 counters into several batches', async () => {
    const outbox = createUsageOutbox(fresh());
    for (let i = 0; i < 1200; i++) outbox.count('tutorial_step', `video-call/${i % 600}`);
    for (let d = 0; d < 2; d++) outbox.count('language', d ? 'en' : 'vi');
    expect(await outbox.seal()).toBe(2);
    const counts = (await outbox.batches()).map((b) => b.counters.length).sort();
    expect(counts).toEqual([102, 500]);
  });

  it('drops a corrupted record and keeps the good ones', async () => {
    const db = fresh();
    const outbox = createUsageOutbox(db);
    outbox.count('large_text', 'on');
    await outbox.seal();
    await (await db).put('outbox', { batchId: 'not-a-uuid', counters: [] });
    expect((await outbox.batches()).length).toBe(1);
    expect(await outbox.queueLength()).toBe(1);
  });

  it('writes local days', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
