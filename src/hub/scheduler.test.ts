import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createScheduler, type Job } from './scheduler.ts';
import { openPostgresStore } from './storage/postgres-store.ts';
import { openSqliteStore } from './storage/sqlite-store.ts';
import type { Store } from './storage/store.ts';

const MINUTE = 60_000;

/**
 * Two hub processes' schedulers, each with its own connection to one database, tick together
 * through an hour of a 5-minute job: the job runs once per period, never twice, never skipped.
 */
async function twoSchedulersRunOnce(open: () => Promise<Store>) {
  const a = await open();
  const b = await open();
  await a.migrate();
  await b.migrate();
  try {
    const clock = { now: new Date('2026-11-02T00:00:00Z') };
    const runs: Array<{ by: string; at: number }> = [];
    const name = `count-${randomUUID()}`;
    const make = (store: Store, by: string) => {
      const job: Job = {
        name,
        everyMs: 5 * MINUTE,
        run: async (now) => {
          runs.push({ by, at: now.getTime() });
        },
      };
      return createScheduler({ leases: store.leases, jobs: [job], now: () => clock.now });
    };
    const one = make(a, 'a');
    const two = make(b, 'b');
    // 12 periods of 5 minutes, both schedulers ticking every 30 s of hub time, at the same moment.
    for (let t = 0; t < 60 * MINUTE; t += 30_000) {
      clock.now = new Date(Date.parse('2026-11-02T00:00:00Z') + t);
      await Promise.all([one.tick(), two.tick()]);
    }
    expect(runs).toHaveLength(12);
    const periods = runs.map((r) => Math.floor((r.at - Date.parse('2026-11-02T00:00:00Z')) / (5 * MINUTE)));
    expect(periods).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    // A lease can be renewed only by its holder while it holds it, and given back.
    const t0 = clock.now;
    const until = new Date(t0.getTime() + MINUTE);
    expect(await a.leases.acquire('x-lease', 'p1', until, t0)).toBe(true);
    expect(await b.leases.acquire('x-lease', 'p2', until, t0)).toBe(false);
    expect(await b.leases.renew('x-lease', 'p2', until, t0)).toBe(false);
    expect(await a.leases.renew('x-lease', 'p1', new Date(t0.getTime() + 2 * MINUTE), t0)).toBe(true);
    expect((await b.leases.get('x-lease'))?.holder).toBe('p1');
    await a.leases.release('x-lease', 'p1');
    expect(await b.leases.acquire('x-lease', 'p2', until, t0)).toBe(true);
    // An expired lease passes to whoever asks next.
    const later = new Date(t0.getTime() + MINUTE);
    expect(await a.leases.acquire('x-lease', 'p1', new Date(later.getTime() + MINUTE), later)).toBe(true);
  } finally {
    await a.close();
    await b.close();
  }
}

describe('scheduler', () => {
  it('runs a job once per period across two processes on one SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kepu-scheduler-'));
    try {
      await twoSchedulersRunOnce(async () => openSqliteStore(join(dir, 'hub.sqlite')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const url = process.env.KEPU_TEST_DATABASE_URL;
  const schema = `kepu_sched_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  afterAll(async () => {
    if (!url) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  it.skipIf(!url && process.env.KEPU_SKIP_POSTGRES === '1')(
    'runs a job once per period across two processes on one PostgreSQL database',
    async () => {
      if (!url) throw new Error('KEPU_TEST_DATABASE_URL is not set: run through scripts/with-postgres.sh');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      await twoSchedulersRunOnce(() => openPostgresStore(url, { schema }));
    },
  );

  it('keeps a slow tick from overlapping the next in one process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kepu-scheduler-'));
    const store = openSqliteStore(join(dir, 'hub.sqlite'));
    await store.migrate();
    try {
      let release: () => void = () => {};
      let started = 0;
      const clock = { now: new Date('2026-11-02T00:00:00Z') };
      const s = createScheduler({
        leases: store.leases,
        jobs: [
          {
            name: 'slow',
            everyMs: 1,
            run: () => {
              started++;
              return new Promise<void>((resolve) => {
                release = resolve;
              });
            },
          },
        ],
        now: () => clock.now,
      });
      const first = s.tick();
      await new Promise((r) => setTimeout(r, 20));
      clock.now = new Date(clock.now.getTime() + 1000);
      const second = s.tick();
      release();
      expect(await first).toEqual(['slow']);
      expect(await second).toEqual([]);
      expect(started).toBe(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
