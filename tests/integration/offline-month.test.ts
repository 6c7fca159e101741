// The kiosk's real outbox and hub client against a real hub over HTTP: a month offline,
// then one reconnection, must deliver exactly the counts that were made.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../src/hub/test-hub.ts';
import { createHubClient } from '../../src/kiosk/data/hub-client.ts';
import { createHubSync } from '../../src/kiosk/data/hub-sync.ts';
import { openKioskDb } from '../../src/kiosk/data/kiosk-db.ts';
import { createUsageOutbox } from '../../src/kiosk/data/usage-outbox.ts';
import type { Metric } from '../../src/protocol/usage.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.close());

// A small deterministic generator, so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

it('a kiosk offline for 30 days of use delivers exactly what it counted', async () => {
  const { stationId, token } = await hub.enroll();
  const random = rng(20261128);
  let day = '';
  const outbox = createUsageOutbox(openKioskDb('offline-month'), () => day);
  const expected = new Map<string, number>();
  const events: Array<[Metric, string]> = [
    ['article_open', 'heat-illness'],
    ['article_open', 'dengue-mosquito-control'],
    ['article_complete', 'flood-safety'],
    ['quiz_option', 'health-dengue-standing-water/1'],
    ['language', 'vi'],
    ['idle_reset', '-'],
    ['tutorial_step', 'video-call/3'],
  ];
  const start = Date.UTC(2026, 9, 20);
  for (let d = 0; d < 30; d++) {
    day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    const uses = 20 + Math.floor(random() * 200);
    for (let i = 0; i < uses; i++) {
      const [metric, key] = events[Math.floor(random() * events.length)] ?? ['idle_reset', '-'];
      outbox.count(metric, key);
      const id = `${day}|${metric}|${key}`;
      expected.set(id, (expected.get(id) ?? 0) + 1);
      // Counts reach storage now and then, as on the kiosk (flush timer, idle resets).
      if (random() < 0.05) await outbox.flush();
    }
    await outbox.seal();
  }
  expect(await outbox.queueLength()).toBe(30);

  hub.clock.now = new Date(start + 31 * 86_400_000);
  const sync = createHubSync({
    outbox,
    client: createHubClient(hub.url, () => token),
    enrolled: () => true,
    heartbeat: async () => ({
      appVersion: '1',
      packVersion: 1,
      lastUpdate: null,
      errors: [],
      storage: null,
      queue: 0,
    }),
    onConfig: () => {},
    onError: (code) => {
      throw new Error(code);
    },
  });
  expect(await sync.runNow()).toBe(true);
  expect(await outbox.queueLength()).toBe(0);

  const rows = await hub.store.usageTotals({
    from: '2026-01-01',
    to: '2026-12-31',
    stationId,
    by: ['day', 'metric', 'key'],
  });
  const actual = new Map(rows.map((r) => [`${r.day}|${r.metric}|${r.key}`, r.count]));
  expect(actual).toEqual(expected);
});
