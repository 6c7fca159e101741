/**
 * The SQLite store under concurrent ingest and dashboard queries, with a second process on the
 * same file: many stations post usage batches and heartbeats at once while an administrator
 * hammers every report, another process holds long read transactions, takes the write lock and
 * checkpoints the WAL, and `npm run backup` copies the live database again and again.
 * No busy or locked error may reach a client, and the totals must be exactly what was sent.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/hub/storage/sqlite-store.ts';
import { REPORTS } from '../../src/protocol/reports.ts';
import type { Counter } from '../../src/protocol/usage.ts';
import {
  enrollStations,
  HUB_PROCESS_PASSWORD,
  type HubProcess,
  startHubProcess,
} from '../support/hub-process.ts';

const STATIONS = 40;
const MIN_BATCHES = 6;
const ADMIN_WORKERS = 6;
const BACKUPS = 2;

let dir: string;
let hub: HubProcess;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-sqlite-contention-'));
  hub = await startHubProcess(dir);
}, 120_000);
afterAll(async () => {
  await hub?.kill();
  await rm(dir, { recursive: true, force: true });
});

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

/** Runs a Node script with tsx; resolves with its stdout once it exits 0. */
function run(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<string> } {
  const child = spawn('npx', ['tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const done = new Promise<string>((resolve, reject) =>
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${args.join(' ')}: exit ${code ?? signal}: ${err.slice(-600)}`)),
    ),
  );
  return { child, done };
}

it('no busy or locked error reaches a client, and every count arrives exactly once', async () => {
  const url = `http://127.0.0.1:${hub.port}`;
  const stations = await enrollStations(url, STATIONS);
  const login = await fetch(`${url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: HUB_PROCESS_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const problems: string[] = [];
  const seen = { usage: 0, heartbeats: 0, reads: 0 };
  let slowest = 0;
  /** One request; anything 5xx or mentioning a busy or locked database is a problem. */
  async function call(label: string, path: string, init: RequestInit = {}): Promise<string> {
    const started = Date.now();
    const response = await fetch(`${url}${path}`, init);
    const body = await response.text();
    slowest = Math.max(slowest, Date.now() - started);
    if (response.status >= 500 || /SQLITE|busy|locked/i.test(body)) {
      problems.push(`${label} ${path}: ${response.status} ${body.slice(0, 200)}`);
    }
    return body;
  }

  const contender = run(['tests/support/sqlite-contender.ts', join(dir, 'hub.sqlite'), join(dir, 'stop')]);
  const contended = { read: 0, 'write-hold': 0, checkpoint: 0 };
  await new Promise<void>((resolve, reject) => {
    contender.child.stdout?.on('data', (d) => {
      for (const line of String(d).split('\n')) {
        if (line === 'ready') resolve();
        if (line in contended) contended[line as keyof typeof contended]++;
      }
    });
    contender.done.catch(reject);
  });
  /** Until every kind of contention has happened a few times and the backups are done. */
  const contending = () =>
    backupsDone < BACKUPS || contended.read < 8 || contended['write-hold'] < 4 || contended.checkpoint < 3;
  let backupsDone = 0;
  let ingesting = true;

  // Backups with the real CLI, one after another, for as long as the stations send.
  const backups = (async () => {
    while (backupsDone < BACKUPS || ingesting) {
      const dest = join(dir, `backup-${backupsDone}.sqlite`);
      await run(['src/hub/backup.ts', dest], { KEPU_DATA_DIR: dir }).done;
      const copy = new Database(dest, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
      backupsDone++;
    }
  })();

  // Each station sends batches (and a heartbeat after each) for as long as the contention lasts.
  const expected = new Map<string, number>();
  const sentBeats = new Map<string, number>();
  const station = async ({ id, token }: { id: string; token: string }, n: number) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    for (let b = 0; b < MIN_BATCHES || contending(); b++) {
      const counters: Counter[] = [
        { day: day(b % 7), metric: 'article_open', key: `a-${(n + b) % 37}`, count: 1 + ((n * b) % 9) },
        {
          day: day(b % 7),
          metric: 'language',
          key: ['zh-CN', 'vi', 'en'][b % 3] ?? 'vi',
          count: 1 + (b % 4),
        },
        { day: day(b % 3), metric: 'idle_reset', key: '-', count: 1 + (n % 5) },
      ];
      const body = await call('usage', '/api/v1/usage', {
        method: 'POST',
        headers,
        body: JSON.stringify({ batchId: crypto.randomUUID(), counters }),
      });
      const status = (JSON.parse(body) as { status?: string }).status;
      if (status !== 'applied') problems.push(`usage: answered ${body.slice(0, 200)}`);
      for (const c of counters) {
        const k = `${id}|${c.day}|${c.metric}|${c.key}`;
        expected.set(k, (expected.get(k) ?? 0) + c.count);
      }
      seen.usage++;
      await call('heartbeat', '/api/v1/heartbeat', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          appVersion: '0.1.0',
          packVersion: 1,
          lastUpdate: null,
          errors: [],
          storage: { used: b, quota: 1_000_000 },
          queue: b,
        }),
      });
      sentBeats.set(id, (sentBeats.get(id) ?? 0) + 1);
      seen.heartbeats++;
    }
  };

  // The dashboards, as a signed-in administrator, until the stations stop.
  const paths = [
    ...REPORTS.map((r) => `/api/v1/admin/reports/${r}?from=${day(30)}&to=${day(-1)}`),
    `/api/v1/admin/stations`,
    `/api/v1/admin/usage?from=${day(30)}&to=${day(-1)}&by=station,day,metric,key`,
    `/api/v1/admin/selftest?from=${day(30)}&to=${day(-1)}&by=town`,
  ];
  const admin = async (w: number) => {
    for (let i = w; ingesting; i++) {
      await call('admin', paths[i % paths.length] ?? '/', { headers: { cookie } });
      seen.reads++;
    }
  };

  const started = Date.now();
  const readers = Array.from({ length: ADMIN_WORKERS }, (_, w) => admin(w));
  await Promise.all(stations.map((s, n) => station(s, n)));
  ingesting = false;
  await Promise.all([...readers, backups]);
  await writeFile(join(dir, 'stop'), '');
  const contention = JSON.parse((await contender.done).trim().split('\n').pop() ?? '{}');
  console.log(
    `sqlite contention: ${STATIONS} stations, ${seen.usage} batches, ${seen.heartbeats} heartbeats, ` +
      `${seen.reads} dashboard reads, ${backupsDone} backups, second process ${JSON.stringify(contention)}, ` +
      `slowest answer ${slowest} ms, ${Date.now() - started} ms`,
  );

  expect(problems.slice(0, 10), `${problems.length} failed answers`).toEqual([]);
  expect(contention.errors).toEqual([]);
  expect(contention.reads).toBeGreaterThanOrEqual(8);
  expect(contention.writeHolds).toBeGreaterThanOrEqual(4);
  expect(contention.checkpoints).toBeGreaterThanOrEqual(3);
  expect(backupsDone).toBeGreaterThanOrEqual(BACKUPS);

  const store = openSqliteStore(join(dir, 'hub.sqlite'));
  try {
    const rows = await store.usageTotals({
      from: day(30),
      to: day(-1),
      by: ['station', 'day', 'metric', 'key'],
    });
    const actual = new Map(rows.map((r) => [`${r.stationId}|${r.day}|${r.metric}|${r.key}`, r.count]));
    expect(actual).toEqual(expected);
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const { id } of stations) {
      expect((await store.heartbeatHistory(id, 10_000)).length, id).toBe(sentBeats.get(id));
    }
  } finally {
    await store.close();
  }
}, 120_000);
