/**
 * `npm run bench -- province`: 10,000 simulated kiosks against 1, 2 and 3 hub processes on one
 * PostgreSQL, blobs in s3rver, nginx round-robin in front (all on loopback). Five simulated
 * minutes of fleet life, compressed: each kiosk polls its manifest every minute (ETag → 304),
 * sends one usage batch and one heartbeat (the 5-minute cycle), and 1 % of the kiosks
 * download the full pack. Per process count, two phases: saturated (a closed loop of
 * CONCURRENCY connections sends it as fast as the cluster answers, for at most RUN_SECONDS) for
 * requests/s and its ratio against 1 process; then paced (the first PACED_SECONDS of the
 * schedule at real speed, each job sent at its time) for the p50/p99 latency kiosks meet. A
 * closed loop at saturation only measures its own queue (latency = connections ÷ throughput).
 * Also reported: the most PostgreSQL connections seen.
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
/** Seconds of the fleet's schedule replayed at its real pace, for the latency kiosks meet. */
const PACED_SECONDS = Number(process.env.BENCH_PROVINCE_PACED_SECONDS ?? 30);
const SIM_MINUTES = 5;
const COUNTS = (process.env.BENCH_PROVINCE_COUNTS ?? '1,2,3').split(',').map(Number);
/** A folder for V8 CPU profiles of the hub processes (one .cpuprofile each), to see where time goes. */
const PROFILE_DIR = process.env.BENCH_PROVINCE_PROFILE;

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

/** The work of SIM_MINUTES for the whole fleet, in simulated-time order (jittered per kiosk); `at` in minutes. */
function schedule(): Array<{ at: number; job: Job }> {
  const random = rng(2026);
  const timed: Array<{ at: number; job: Job }> = [];
  for (let k = 0; k < KIOSKS; k++) {
    const offset = random();
    for (let m = 0; m < SIM_MINUTES; m++) timed.push({ at: m + offset, job: { kind: 'manifest', kiosk: k } });
    timed.push({ at: random() * SIM_MINUTES, job: { kind: 'usage', kiosk: k } });
    timed.push({ at: random() * SIM_MINUTES, job: { kind: 'heartbeat', kiosk: k } });
    if (k % 100 === 0) timed.push({ at: random() * SIM_MINUTES, job: { kind: 'pack', kiosk: k } });
  }
  return timed.sort((a, b) => a.at - b.at);
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

interface Phase {
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
}

interface RunResult {
  processes: number;
  /** As fast as the cluster answers: CONCURRENCY connections, each sending its next job at once. */
  saturated: Phase;
  /** The fleet at its real pace: each job sent at its scheduled time, whatever is still open. */
  paced: Phase;
  connections: number;
  load: string;
}

/** Sends one job's requests, recording each (a pack download is every blob, 8 at a time). */
type Timed = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) => Promise<unknown>;

function runJob(job: Job, kiosk: Kiosk, timed: Timed, files: Array<{ sha256: string }>, day: string) {
  const auth = { authorization: `Bearer ${kiosk.token}` };
  if (job.kind === 'manifest') {
    return timed('GET', '/api/v1/packs/current/manifest', {
      ...auth,
      ...(kiosk.etag ? { 'if-none-match': kiosk.etag } : {}),
    });
  }
  if (job.kind === 'usage') {
    const counters = [
      { day, metric: 'article_open', key: `a-${job.kiosk % 37}`, count: 3 },
      { day, metric: 'language', key: 'zh-CN', count: 2 },
      { day, metric: 'idle_reset', key: '-', count: 1 },
    ];
    return timed(
      'POST',
      '/api/v1/usage',
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify({ batchId: randomUUID(), counters }),
    );
  }
  if (job.kind === 'heartbeat') {
    const hb = { appVersion: 'bench', packVersion: 1, lastUpdate: null, errors: [], storage: null, queue: 0 };
    return timed(
      'POST',
      '/api/v1/heartbeat',
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify(hb),
    );
  }
  // A kiosk installing the pack: every blob, 8 at a time, as the update engine does.
  let b = 0;
  const blobWorker = async () => {
    for (let j = b++; j < files.length; j = b++) await timed('GET', `/api/v1/blobs/${files[j]?.sha256}`, {});
  };
  return Promise.all(Array.from({ length: 8 }, blobWorker));
}

/** Records latencies and statuses of one phase. */
function recorder(agent: Agent, port: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const perKind: Record<string, number[]> = {};
  const timed: Timed = async (method, path, headers, body) => {
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
  const result = (done: number, total: number, seconds: number): Phase => ({
    kinds: Object.entries(perKind)
      .map(
        ([k, l]) =>
          `${k} ${l.length}× p50 ${percentile(l, 50).toFixed(1)} ms p99 ${percentile(l, 99).toFixed(0)} ms`,
      )
      .join(', '),
    done,
    total,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: Object.entries(statuses)
      .filter(([st]) => !['200', '204', '304'].includes(st))
      .reduce((n, [, c]) => n + c, 0),
    statuses,
  });
  return { timed, result };
}

async function runOnce(
  processes: number,
  env: Record<string, string>,
  dataDir: string,
  kiosks: Kiosk[],
  timeline: Array<{ at: number; job: Job }>,
  connections: () => Promise<number>,
): Promise<RunResult> {
  const hubs: HubProcess[] = [];
  const nodeArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  hubs.push(await startHubProcess(dataDir, 0, env, nodeArgs));
  hubs.push(
    ...(await Promise.all(
      Array.from({ length: processes - 1 }, () => startHubProcess(dataDir, 0, env, nodeArgs)),
    )),
  );
  const nginx = await startNginx(hubs.map((h) => h.port));
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  // Paced, every request due gets a connection, as each real kiosk has its own.
  const pacedAgent = new Agent({ keepAlive: true, maxSockets: 4096 });
  const port = nginx.port;
  try {
    // Every kiosk already has the pack: its first poll learns the ETag (not timed).
    const manifest = await send(agent, port, 'GET', '/api/v1/packs/current/manifest', {});
    const etag = manifest.etag;
    const files = (JSON.parse(manifest.text) as { manifest: { files: Array<{ sha256: string }> } }).manifest
      .files;
    for (const k of kiosks) if (etag) k.etag = etag;

    let maxConnections = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxConnections = Math.max(maxConnections, await connections());
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const day = new Date().toISOString().slice(0, 10);

    // Saturated: a closed loop of CONCURRENCY connections through the schedule.
    const jobs = timeline.map((t) => t.job);
    const closed = recorder(agent, port);
    const deadline = performance.now() + RUN_SECONDS * 1000;
    let next = 0;
    let done = 0;
    const worker = async () => {
      for (let i = next++; i < jobs.length && performance.now() < deadline; i = next++) {
        const job = jobs[i] as Job;
        await runJob(job, kiosks[job.kiosk] as Kiosk, closed.timed, files, day);
        done++;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const saturated = closed.result(done, jobs.length, (performance.now() - start) / 1000);

    // Paced: the first PACED_SECONDS of the schedule at real speed (an open loop: a job is sent
    // at its time even while earlier ones are still waiting), so latency is what kiosks meet.
    const due = timeline.filter((t) => t.at * 60 < PACED_SECONDS);
    const open = recorder(pacedAgent, port);
    let pacedDone = 0;
    const pacedStart = performance.now();
    const running: Array<Promise<unknown>> = [];
    for (const { at, job } of due) {
      const wait = pacedStart + at * 60_000 - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      running.push(
        runJob(job, kiosks[job.kiosk] as Kiosk, open.timed, files, day).then(() => {
          pacedDone++;
        }),
      );
    }
    await Promise.all(running);
    const paced = open.result(pacedDone, due.length, (performance.now() - pacedStart) / 1000);
    sampling = false;
    await sampler;
    return {
      processes,
      saturated,
      paced,
      connections: maxConnections,
      load: loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    };
  } finally {
    agent.destroy();
    pacedAgent.destroy();
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
    const timeline = schedule();
    const results: RunResult[] = [];
    for (const n of COUNTS) {
      console.error(
        `province: ${n} process(es): ${timeline.length} jobs, saturated for at most ${RUN_SECONDS} s, then ${PACED_SECONDS} s at the fleet's pace…`,
      );
      const r = await runOnce(n, env, dataDir, kiosks, timeline, connections);
      console.error(`province: ${JSON.stringify(r)}`);
      results.push(r);
    }
    const base = results[0] as RunResult;
    const name = (n: number) => `${n} process${n > 1 ? 'es' : ''}`;
    return results.flatMap(({ processes, saturated: sat, paced, connections: pgc, load }) => [
      {
        figure: `${name(processes)}: requests/s saturated, ${KIOSKS} kiosks (${CONCURRENCY} connections)`,
        measured: sat.rps,
        // Two cores carry the load generator, nginx, PostgreSQL and every hub here, so more
        // processes add no CPU: the check is that sharing state through the database does not
        // make processes wait on each other (throughput holds at ≥ 0.8× one process).
        budget: processes === 1 ? 500 : base.saturated.rps * 0.8,
        unit: 'req/s',
        lowerIsBetter: false,
        note: `${(sat.rps / base.saturated.rps).toFixed(2)}× 1 process; ${sat.done}/${sat.total} jobs in ${sat.seconds.toFixed(1)} s; p50 ${sat.p50.toFixed(1)} ms, p99 ${sat.p99.toFixed(0)} ms (a closed loop at saturation: latency ≈ connections ÷ throughput); PostgreSQL connections ≤ ${pgc}; statuses ${JSON.stringify(sat.statuses)}; load ${load}`,
      },
      {
        figure: `${name(processes)}: latency p99 at the fleet's real pace (${paced.rps.toFixed(0)} req/s)`,
        measured: paced.p99,
        budget: 250,
        unit: 'ms',
        lowerIsBetter: true,
        note: `p50 ${paced.p50.toFixed(1)} ms; ${paced.done}/${paced.total} jobs in ${paced.seconds.toFixed(1)} s; ${paced.kinds}`,
      },
      {
        figure: `${name(processes)}: failed requests (not 200/204/304), both phases`,
        measured: sat.errors + paced.errors,
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
