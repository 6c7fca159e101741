/**
 * 1,000 stations, 30 days of counters each, through a proxy that breaks 30% of requests
 * (hangs, 500s, connections dropped after the hub committed) and a hub killed and restarted
 * halfway: the hub's totals must equal what the stations generated, exactly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/hub/storage/sqlite-store.ts';
import type { Counter } from '../../src/protocol/usage.ts';
import { enrollStations, type HubProcess, startHubProcess } from '../support/hub-process.ts';
import { startFaultProxy } from './fault-proxy.ts';

const STATIONS = Number(process.env.FAULT_STATIONS ?? 1000);
const DAYS = 30;
const CONCURRENCY = 200;
const TIMEOUT_MS = 1000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

let dir: string;
let hub: HubProcess;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-faults-'));
  hub = await startHubProcess(dir);
});
afterAll(async () => {
  await hub?.kill();
  await rm(dir, { recursive: true, force: true });
});

it(`${STATIONS} stations × ${DAYS} days through 30% faults and a hub restart: nothing lost, nothing doubled`, async () => {
  const stations = await enrollStations(`http://127.0.0.1:${hub.port}`, STATIONS);
  const random = rng(42);
  const start = Date.now() - DAYS * 86_400_000;
  const expected = new Map<string, number>();
  type Batch = { token: string; stationId: string; body: string };
  const queue: Batch[] = [];
  for (const station of stations) {
    for (let d = 0; d < DAYS; d++) {
      const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      const counters: Counter[] = [
        {
          day,
          metric: 'article_open',
          key: `a-${Math.floor(random() * 37)}`,
          count: 1 + Math.floor(random() * 20),
        },
        {
          day,
          metric: 'language',
          key: ['zh-CN', 'vi', 'en'][Math.floor(random() * 3)] ?? 'vi',
          count: 1 + Math.floor(random() * 5),
        },
        { day, metric: 'idle_reset', key: '-', count: 1 + Math.floor(random() * 9) },
      ];
      for (const c of counters) {
        const id = `${station.id}|${c.day}|${c.metric}|${c.key}`;
        expected.set(id, (expected.get(id) ?? 0) + c.count);
      }
      queue.push({
        token: station.token,
        stationId: station.id,
        body: JSON.stringify({ batchId: crypto.randomUUID(), counters }),
      });
    }
  }

  const proxy = await startFaultProxy(hub.port, 0.3, rng(7));
  let acknowledged = 0;
  let attempts = 0;
  let restarted = false;
  const total = queue.length;
  // Each worker sends one batch until the hub acknowledges it, like a kiosk's outbox.
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      for (;;) {
        attempts++;
        try {
          const res = await fetch(`${proxy.url}/api/v1/usage`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${batch.token}` },
            body: batch.body,
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          if (res.ok) {
            const { status } = (await res.json()) as { status: string };
            if (status === 'applied' || status === 'duplicate') break;
          }
        } catch {
          // timeout, reset or refused: retry
        }
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
      }
      acknowledged++;
      if (!restarted && acknowledged >= total / 2) {
        restarted = true;
        const port = hub.port;
        await hub.kill('SIGKILL');
        hub = await startHubProcess(dir, port);
        proxy.retarget(hub.port);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await proxy.close();
  await hub.kill('SIGKILL');

  const store = openSqliteStore(join(dir, 'hub.sqlite'));
  const rows = await store.usageTotals({
    from: '2000-01-01',
    to: '2100-01-01',
    by: ['station', 'day', 'metric', 'key'],
  });
  await store.close();
  const actual = new Map(rows.map((r) => [`${r.stationId}|${r.day}|${r.metric}|${r.key}`, r.count]));
  console.log(
    `faults: ${total} batches, ${attempts} attempts, injected ${JSON.stringify(proxy.counts)}, hub restarted: ${restarted}`,
  );
  // Compared key by key: a diff of two large maps would take the reporter minutes.
  const wrong = [...new Set([...expected.keys(), ...actual.keys()])]
    .filter((k) => expected.get(k) !== actual.get(k))
    .map((k) => `${k}: expected ${expected.get(k)}, hub has ${actual.get(k)}`);
  expect(restarted).toBe(true);
  expect(proxy.counts.droppedAfterCommit).toBeGreaterThan(0);
  expect(wrong.slice(0, 10)).toEqual([]);
  expect(actual.size).toBe(expected.size);
  console.log('faults: compared', actual.size, 'counters');
}, 900_000);
