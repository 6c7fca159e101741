import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
let token: string;
let stationId: string;
beforeAll(async () => {
  hub = await startTestHub();
  ({ token, stationId } = await hub.enroll());
});
afterAll(() => hub.close());

const counter = fc.record(
  {
    day: fc.oneof(
      fc.constant('2026-11-28'),
      fc.string(),
      fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
    ),
    metric: fc.oneof(fc.constantFrom('article_open', 'language', 'quiz_option'), fc.string()),
    key: fc.oneof(fc.constantFrom('vi', 'heat-illness', '-'), fc.string({ maxLength: 200 })),
    count: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.json(),
  fc.record(
    { batchId: fc.oneof(fc.uuid(), fc.string()), counters: fc.array(counter, { maxLength: 5 }) },
    { requiredKeys: [] },
  ),
  fc.anything().map((v) => {
    try {
      return JSON.stringify(v) ?? 'null';
    } catch {
      return 'null';
    }
  }),
);

async function send(path: string, payload: unknown): Promise<number> {
  const res = await fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return res.status;
}

it('usage: no input gets a 5xx, and only accepted batches change the totals', async () => {
  await fc.assert(
    fc.asyncProperty(body, async (payload) => {
      const before =
        (await hub.store.usageTotals({ from: '1900-01-01', to: '2200-01-01', stationId, by: [] }))[0]
          ?.count ?? 0;
      const status = await send('/api/v1/usage', payload);
      expect(status).toBeLessThan(500);
      const after =
        (await hub.store.usageTotals({ from: '1900-01-01', to: '2200-01-01', stationId, by: [] }))[0]
          ?.count ?? 0;
      if (status !== 200) expect(after).toBe(before);
    }),
    { numRuns: 300 },
  );
  // A fixed workload (300 requests and 600 queries), not a wait: on 2 busy cores it needs more
  // than the 5 s default, which is a budget for one small test.
}, 60_000);

it('heartbeat: no input gets a 5xx, and refused input leaves the last heartbeat as it was', async () => {
  const good = { appVersion: '1', packVersion: 1, lastUpdate: null, errors: [], storage: null, queue: 0 };
  expect(await send('/api/v1/heartbeat', good)).toBe(204);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.json(),
        fc.record({
          appVersion: fc.oneof(fc.string(), fc.integer()),
          packVersion: fc.oneof(fc.integer(), fc.string()),
          lastUpdate: fc.oneof(fc.constant(null), fc.record({ checkedAt: fc.string(), result: fc.string() })),
          errors: fc.array(fc.string()),
          storage: fc.constant(null),
          queue: fc.oneof(fc.integer(), fc.double()),
        }),
      ),
      async (payload) => {
        const before = (await hub.store.getStation(stationId))?.lastHeartbeat;
        const status = await send('/api/v1/heartbeat', payload);
        expect(status).toBeLessThan(500);
        const after = (await hub.store.getStation(stationId))?.lastHeartbeat;
        expect(after).toEqual(
          status === 204 ? (typeof payload === 'string' ? JSON.parse(payload) : payload) : before,
        );
      },
    ),
    { numRuns: 200 },
  );
}, 60_000);
