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
import { enrollStations, startHubProcess } from '../support/hub-process.ts';
import type { Row } from './lib.ts';

const STATIONS = 1000;
const DURATION_S = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const CONNECTIONS = 20;
const METRICS = ['article_open', 'article_complete', 'language', 'quiz_option'] as const;

function startBare(): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['tests/bench/bare-server.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout?.on('data', (d) => {
      const match = /PORT (\d+)/.exec(String(d));
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`bare server exited ${code}`)));
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
  const hub = await startHubProcess(data);
  const bare = await startBare();
  try {
    const hubUrl = `http://127.0.0.1:${hub.port}`;
    const tokens = (await enrollStations(hubUrl, STATIONS)).map((station) => station.token);
    const bareResult = await load(`http://127.0.0.1:${bare.port}`, tokens);
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
    await hub.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await rm(data, { recursive: true, force: true });
  }
}
