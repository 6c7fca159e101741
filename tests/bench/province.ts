/**
 * `npm run bench -- province`: 10,000 simulated kiosks against 1, 2 and 3 hub processes on one
 * PostgreSQL, blobs in s3rver, nginx round-robin in front (all on loopback). Five simulated
 * minutes of fleet life, compressed: each kiosk polls its manifest every minute (ETag → 304),
 * sends one usage batch and one heartbeat (the 5-minute cycle), and 1 % of the kiosks
 * download the full pack. A closed loop of CONCURRENCY connections sends it as fast as the
 * cluster answers, for at most RUN_SECONDS per process count. Reported per count: requests/s,
 * p50/p99 latency, the most PostgreSQL connections seen, and the ratio against 1 process.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeCode, randomToken, sha256 } from '../../src/hub/auth/secrets.ts';
import { openPostgresStore } from '../../src/hub/storage/postgres-store.ts';
import { startNginx, startPostgres, startS3Process } from '../support/cluster.ts';
import { type HubProcess, startHubProcess } from '../support/hub-process.ts';
import { percentile, type Row } from './lib.ts';

const KIOSKS = Number(process.env.BENCH_PROVINCE_KIOSKS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_PROVINCE_CONCURRENCY ?? 128);
const RUN_SECONDS = Number(process.env.BENCH_PROVINCE_SECONDS ?? 40);
const SIM_MINUTES = 5;
const COUNTS = [1, 2, 3];

interface Kiosk {
  token: string;
  etag?: string;
}
type Job = { kind: 'manifest' | 'usage' | 'heartbeat' | 'pack'; kiosk: number };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The work of SIM_MINUTES for the whole fleet, in simulated-time order (jittered per kiosk). */
function schedule(): Job[] {
  const random = rng(2026);
  const timed: Array<{ at: number; job: Job }> = [];
  for (let k = 0; k < KIOSKS; k++) {
    const offset = random();
    for (let m = 0; m < SIM_MINUTES; m++) timed.push({ at: m + offset, job: { kind: 'manifest', kiosk: k } });
    timed.push({ at: random() * SIM_MINUTES, job: { kind: 'usage', kiosk: k } });
    timed.push({ at: random() * SIM_MINUTES, job: { kind: 'heartbeat', kiosk: k } });
    if (k % 100 === 0) timed.push({ at: random() * SIM_MINUTES, job: { kind: 'pack', kiosk: k } });
  }
  return timed.sort((a, b) => a.at - b.at).map((t) => t.job);
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; etag?: string; text: string }> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          ...(typeof res.headers.etag === 'string' ? { etag: res.headers.etag } : {}),
          text:
            method === 'GET' && path.startsWith('/api/v1/blobs/')
              ? ''
              : Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', () => done({ status: 0, text: '' }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done({ status: 0, text: '' }));
    req.end(body);
  });
}

/** Stations with tokens, made through the store (the same calls enrollment makes). */
async function enroll(databaseUrl: string): Promise<Kiosk[]> {
  const store = await openPostgresStore(databaseUrl, { max: 16 });
  try {
    await store.migrate();
    const kiosks: Kiosk[] = new Array(KIOSKS);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < KIOSKS; i = next++) {
        const station = await store.createStation({
          name: `站点${i}`,
          town: `镇${i % 40}`,
          group: `g${i % 8}`,
        });
        const code = normalizeCode(randomUUID());
        const token = randomToken();
        await store.addEnrollmentCode(station.id, sha256(code), new Date(Date.now() + 3_600_000));
        await store.redeemEnrollmentCode(sha256(code), sha256(token), new Date());
        kiosks[i] = { token };
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return kiosks;
  } finally {
    await store.close();
  }
}

interface RunResult {
  processes: number;
  /** Requests and median latency per endpoint. */
  kinds: string;
  done: number;
  total: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  connections: number;
  load: string;
}

async function runOnce(
  processes: number,
  env: Record<string, string>,
  dataDir: string,
  kiosks: Kiosk[],
  jobs: Job[],
  connections: () => Promise<number>,
): Promise<RunResult> {
  const hubs: HubProcess[] = [];
  hubs.push(await startHubProcess(dataDir, 0, env));
  hubs.push(
    ...(await Promise.all(Array.from({ length: processes - 1 }, () => startHubProcess(dataDir, 0, env)))),
  );
  const nginx = await startNginx(hubs.map((h) => h.port));
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const port = nginx.port;
  try {
    // Every kiosk already has the pack: its first poll learns the ETag (not timed).
    const manifest = await send(agent, port, 'GET', '/api/v1/packs/current/manifest', {});
    const etag = manifest.etag;
    const files = (JSON.parse(manifest.text) as { manifest: { files: Array<{ sha256: string }> } }).manifest
      .files;
    for (const k of kiosks) if (etag) k.etag = etag;

    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let maxConnections = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxConnections = Math.max(maxConnections, await connections());
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const day = new Date().toISOString().slice(0, 10);
    const deadline = performance.now() + RUN_SECONDS * 1000;
    let next = 0;
    let done = 0;
    const perKind: Record<string, number[]> = {};
    const timed = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
      const start = performance.now();
      const res = await send(agent, port, method, path, headers, body);
      const ms = performance.now() - start;
      latencies.push(ms);
      const kind = path.split('/')[3] ?? path;
      const list = perKind[kind] ?? [];
      list.push(ms);
      perKind[kind] = list;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      return res;
    };
    const worker = async () => {
      for (let i = next++; i < jobs.length && performance.now() < deadline; i = next++) {
        const job = jobs[i] as Job;
        const kiosk = kiosks[job.kiosk] as Kiosk;
        const auth = { authorization: `Bearer ${kiosk.token}` };
        if (job.kind === 'manifest') {
          await timed('GET', '/api/v1/packs/current/manifest', {
            ...auth,
            ...(kiosk.etag ? { 'if-none-match': kiosk.etag } : {}),
          });
        } else if (job.kind === 'usage') {
          const counters = [
            { day, metric: 'article_open', key: `a-${job.kiosk % 37}`, count: 3 },
            { day, metric: 'language', key: 'zh-CN', count: 2 },
            { day, metric: 'idle_reset', key: '-', count: 1 },
          ];
          await timed(
            'POST',
            '/api/v1/usage',
            { ...auth, 'content-type': 'application/json' },
            JSON.stringify({ batchId: randomUUID(), counters }),
          );
        } else if (job.kind === 'heartbeat') {
          const hb = {
            appVersion: 'bench',
            packVersion: 1,
            lastUpdate: null,
            errors: [],
            storage: null,
            queue: 0,
          };
          await timed(
            'POST',
            '/api/v1/heartbeat',
            { ...auth, 'content-type': 'application/json' },
            JSON.stringify(hb),
          );
        } else {
          // A kiosk installing the pack: every blob, 4 at a time, as the update engine does.
          let b = 0;
          const blobWorker = async () => {
            for (let j = b++; j < files.length; j = b++)
              await timed('GET', `/api/v1/blobs/${files[j]?.sha256}`, {});
          };
          await Promise.all(Array.from({ length: 4 }, blobWorker));
        }
        done++;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - start) / 1000;
    sampling = false;
    await sampler;
    const errors = Object.entries(statuses)
      .filter(([s]) => !['200', '204', '304'].includes(s))
      .reduce((n, [, c]) => n + c, 0);
    const kinds = Object.entries(perKind)
      .map(([k, l]) => `${k} ${l.length}× p50 ${percentile(l, 50).toFixed(1)} ms`)
      .join(', ');
    return {
      processes,
      kinds,
      done,
      total: jobs.length,
      seconds,
      rps: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
      statuses,
      connections: maxConnections,
      load: loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    };
  } finally {
    agent.destroy();
    await nginx.stop();
    for (const h of hubs) await h.kill('SIGTERM');
  }
}

/** Runs the benchmark for 1, 2 and 3 processes; returns its rows. */
export async function benchProvince(): Promise<Row[]> {
  const database = await startPostgres();
  const s3 = await startS3Process('kepu-bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'kepu-bench-province-'));
  const pg = await import('pg');
  const watcher = new pg.default.Client({ connectionString: database.url });
  await watcher.connect();
  const connections = async () => {
    const { rows } = await watcher.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return Number(rows[0]?.n ?? 0);
  };
  const env = {
    DATABASE_URL: database.url,
    KEPU_BLOB_STORE: `s3://${s3.bucket}/blobs`,
    KEPU_PUBLISHER_KEY: join(dataDir, 'keys', 'publisher.json'),
    KEPU_WEB_DIR: join(dataDir, 'no-web'),
    KEPU_SCHEDULER: '0',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...s3.env,
  };
  try {
    // First start alone: migrate, seed and publish the demo content.
    const first = await startHubProcess(dataDir, 0, env);
    await first.kill('SIGTERM');
    console.error(`province: enrolling ${KIOSKS} stations…`);
    const kiosks = await enroll(database.url);
    const jobs = schedule();
    const results: RunResult[] = [];
    for (const n of COUNTS) {
      console.error(`province: ${n} process(es), ${jobs.length} requests of work, at most ${RUN_SECONDS} s…`);
      const r = await runOnce(n, env, dataDir, kiosks, jobs, connections);
      console.error(`province: ${JSON.stringify(r)}`);
      results.push(r);
    }
    const base = results[0] as RunResult;
    return results.flatMap((r) => [
      {
        figure: `${r.processes} process${r.processes > 1 ? 'es' : ''}: requests/s, ${KIOSKS} kiosks (${CONCURRENCY} connections)`,
        measured: r.rps,
        budget: r.processes === 1 ? 500 : base.rps,
        unit: 'req/s',
        lowerIsBetter: false,
        note: `${(r.rps / base.rps).toFixed(2)}× 1 process; ${r.done}/${r.total} jobs in ${r.seconds.toFixed(1)} s; p50 ${r.p50.toFixed(1)} ms; PostgreSQL connections ≤ ${r.connections}; statuses ${JSON.stringify(r.statuses)}; load ${r.load}`,
      },
      {
        figure: `${r.processes} process${r.processes > 1 ? 'es' : ''}: latency p99`,
        measured: r.p99,
        budget: 250,
        unit: 'ms',
        lowerIsBetter: true,
        note: `p50 ${r.p50.toFixed(1)} ms; ${r.kinds}`,
      },
      {
        figure: `${r.processes} process${r.processes > 1 ? 'es' : ''}: failed requests (not 200/204/304)`,
        measured: r.errors,
        budget: 0,
        unit: '',
        lowerIsBetter: true,
      },
    ]);
  } finally {
    await watcher.end().catch(() => {});
    await s3.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
