/**
 * Hub ingest: POST /api/v1/usage with batches of 50 counters from 1,000 enrolled stations,
 * against a bare node:http server that only reads the body, in the same run. Both servers
 * run as child processes; autocannon drives them from this one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Row } from './lib.ts';

const STATIONS = 1000;
const DURATION_S = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const CONNECTIONS = 20;
const METRICS = ['article_open', 'article_complete', 'language', 'quiz_option'] as const;

function start(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const match = out.match(ready);
      if (match) resolve({ child, match });
    });
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${out.slice(-500)}`)));
  });
}

function counters(day: string, n: number) {
  return Array.from({ length: 50 }, (_, i) => {
    const metric = METRICS[i % METRICS.length] ?? 'article_open';
    const key =
      metric === 'language'
        ? ['zh-CN', 'vi', 'en'][i % 3]
        : metric === 'quiz_option'
          ? `q-${(n + i) % 150}/${i % 4}`
          : `article-${(n + i) % 40}`;
    return { day, metric, key, count: 1 + (i % 3) };
  });
}

async function load(url: string, tokens: string[]): Promise<autocannon.Result> {
  const day = new Date().toISOString().slice(0, 10);
  let n = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/usage',
        setupRequest: (request) => {
          n++;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
            },
            body: JSON.stringify({ batchId: crypto.randomUUID(), counters: counters(day, n) }),
          };
        },
      },
    ],
  });
}

/** Runs the benchmark; returns its rows. */
export async function benchIngest(): Promise<Row[]> {
  const data = await mkdtemp(join(tmpdir(), 'kepu-ingest-'));
  const hub = await start(
    'npx',
    ['tsx', 'src/hub/main.ts'],
    {
      PORT: '0',
      HOST: '127.0.0.1',
      KEPU_DATA_DIR: data,
      KEPU_DEMO_ADMIN_PASSWORD: 'bench-password',
      KEPU_AUTH_ATTEMPTS_PER_MINUTE: '100000',
      KEPU_STATION_REQUESTS_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    },
    /kiosk:\s+http:\/\/localhost:(\d+)/,
  );
  const bare = await start('node', ['tests/bench/bare-server.mjs'], {}, /PORT (\d+)/);
  try {
    const hubUrl = `http://127.0.0.1:${hub.match[1]}`;
    const tokens = await enroll(hubUrl);
    const bareResult = await load(`http://127.0.0.1:${bare.match[1]}`, tokens);
    const hubResult = await load(hubUrl, tokens);
    const errors = hubResult.non2xx + hubResult.errors;
    return [
      {
        figure: `hub ingest throughput vs bare node:http (batches of 50, ${STATIONS} stations)`,
        measured: hubResult.requests.average / bareResult.requests.average,
        budget: 0.5,
        unit: '×',
        lowerIsBetter: false,
        note: `${hubResult.requests.average.toFixed(0)} vs ${bareResult.requests.average.toFixed(0)} req/s${errors ? `, ${errors} errors` : ''}`,
      },
      {
        figure: 'hub ingest latency p99',
        measured: hubResult.latency.p99,
        budget: 50,
        unit: 'ms',
        lowerIsBetter: true,
        note: `p50 ${hubResult.latency.p50} ms, ${CONNECTIONS} connections`,
      },
    ];
  } finally {
    hub.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await rm(data, { recursive: true, force: true });
  }
}

/** Creates and enrolls the stations through the admin API, as a county would. */
async function enroll(url: string): Promise<string[]> {
  const login = await fetch(`${url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = {
    'content-type': 'application/json',
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': csrfToken,
    origin: url,
  };
  const tokens: string[] = [];
  for (let i = 0; i < STATIONS; i++) {
    const created = await fetch(`${url}/api/v1/admin/stations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: `站点${i}`, town: `镇${i % 12}`, group: `g${i % 5}` }),
    });
    const { enrollmentCode } = (await created.json()) as { enrollmentCode: string };
    const enrolled = await fetch(`${url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: enrollmentCode }),
    });
    tokens.push(((await enrolled.json()) as { token: string }).token);
  }
  return tokens;
}
