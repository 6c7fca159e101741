/**
 * A province-scale hub on this machine, loopback only: a throwaway PostgreSQL cluster, s3rver
 * for the blobs, N hub processes (tsx src/hub/main.ts) on one database and bucket, and a real
 * nginx (Debian package) round-robin in front of them, with deploy/nginx/kepu-upstream.conf.
 * Used by the province integration test and `npm run bench -- province`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestS3 } from '../../src/hub/test-s3.ts';
import { HUB_PROCESS_PASSWORD, type HubProcess, startHubProcess } from './hub-process.ts';

/** A free loopback port (free when asked; callers retry if another process takes it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function pgBinDir(): string {
  for (const dir of readdirSync('/usr/lib/postgresql', { withFileTypes: true })
    .map((d) => d.name)
    .sort()
    .reverse()) {
    const bin = `/usr/lib/postgresql/${dir}/bin`;
    if (existsSync(`${bin}/initdb`)) return bin;
  }
  throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
}

/** A throwaway PostgreSQL cluster on 127.0.0.1 (the server runs as postgres when we are root). */
export async function startPostgres(maxConnections = 200): Promise<{ url: string; stop(): Promise<void> }> {
  if (!existsSync('/usr/lib/postgresql'))
    throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
  const bin = pgBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'kepu-province-pg-'));
  const asPg = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asPg.length) execFileSync('chown', ['postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const [cmd, ...rest] = [...asPg, `${bin}/${tool}`, ...args];
    execFileSync(cmd as string, rest, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  run('initdb', ['-D', `${dir}/data`, '-U', 'kepu', '--auth=trust', '--encoding=UTF8', '--no-locale']);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      run('pg_ctl', [
        '-D',
        `${dir}/data`,
        '-l',
        `${dir}/server.log`,
        '-w',
        '-t',
        '30',
        'start',
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=${maxConnections} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      ]);
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'kepu', 'kepu']);
      return {
        url: `postgres://kepu@127.0.0.1:${port}/kepu`,
        async stop() {
          try {
            run('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop']);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
    } catch (error) {
      if (attempt >= 4) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

/** The nginx configuration for the cluster: the deploy include, on loopback ports. */
function nginxConfig(dir: string, port: number, hubPorts: readonly number[], user: string | null): string {
  const include = resolve('deploy/nginx/kepu-upstream.conf');
  return `${user ? `user ${user};` : ''}
worker_processes 1;
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 16384; }
worker_rlimit_nofile 40000;
http {
  log_format upstreamlog '$status $upstream_addr $request_method $uri $request_time $msec';
  access_log ${dir}/access.log upstreamlog buffer=64k flush=1s;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream kepu_hubs {
${hubPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port} reuseport backlog=16384;
    include ${include};
  }
}
`;
}

/** nginx in the foreground with a config in a temp dir; stop() ends it and reads its logs. */
export async function startNginx(hubPorts: readonly number[]): Promise<{
  url: string;
  port: number;
  /** Requests per upstream address and per status, from the access log (after stop). */
  accessLog(): string[];
  stop(): Promise<void>;
}> {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (!nginx) throw new Error('nginx is not installed: apt-get install -y nginx');
  const dir = mkdtempSync(join(tmpdir(), 'kepu-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  // Workers of a root master run as nobody: they must write the temp folders and the log.
  const root = process.getuid?.() === 0;
  if (root)
    for (const sub of ['', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) chmodSync(join(dir, sub), 0o777);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, port, hubPorts, root ? 'nobody nogroup' : null));
    const child: ChildProcess = spawn(
      nginx,
      ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const up = await waitFor(async () => {
      if (child.exitCode !== null) return 'exited';
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => null);
      return res?.ok ? 'up' : undefined;
    }, 10_000);
    if (up === 'up') {
      return {
        url: `http://127.0.0.1:${port}`,
        port,
        accessLog: () =>
          existsSync(join(dir, 'access.log'))
            ? readFileSync(join(dir, 'access.log'), 'utf8').split('\n').filter(Boolean)
            : [],
        async stop() {
          if (child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGQUIT');
            await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
            if (child.exitCode === null) child.kill('SIGKILL');
          }
        },
      };
    }
    child.kill('SIGKILL');
    if (attempt >= 3)
      throw new Error(`nginx did not start: ${stderr}${readFileSync(join(dir, 'error.log'), 'utf8')}`);
  }
}

/** s3rver in its own process on a free loopback port, with the AWS variables to reach it. */
export function startS3Process(bucket: string): Promise<TestS3> {
  const dir = mkdtempSync(join(tmpdir(), 'kepu-s3-'));
  return new Promise((done, fail) => {
    const child = spawn('npx', ['tsx', 'tests/support/s3rver-process.ts', bucket, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const endpoint = /S3 (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (!endpoint) return;
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      done({
        endpoint,
        bucket,
        env: {
          AWS_ENDPOINT_URL: endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
        },
        async close() {
          if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            process.kill(-(child.pid ?? 0), 'SIGKILL');
            await exited;
          }
          child.stdout?.destroy();
          rmSync(dir, { recursive: true, force: true });
        },
      });
    });
    child.once('exit', (code) => fail(new Error(`s3rver exited ${code}: ${out}`)));
  });
}

/** Polls `check` every 100 ms until it returns a value, or undefined after `ms`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** A running cluster. */
export interface Cluster {
  url: string;
  databaseUrl: string;
  s3: TestS3;
  hubs: HubProcess[];
  hubPorts: number[];
  env: Record<string, string>;
  dataDir: string;
  keyPath: string;
  /** Kills hub i with `signal` (SIGKILL by default) and starts it again on its port. */
  kill(i: number, signal?: NodeJS.Signals): Promise<void>;
  restart(i: number): Promise<void>;
  accessLog(): string[];
  /** Open connections to the cluster's database right now (every client but this one). */
  connections(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts PostgreSQL, s3rver, `processes` hubs (the first alone: it seeds and publishes) and nginx. */
export async function startCluster(options: {
  processes: number;
  prefix?: string;
  extraEnv?: Record<string, string>;
}): Promise<Cluster> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const database = await startPostgres();
    stops.push(database.stop);
    const s3 = await startS3Process('kepu-province');
    stops.push(s3.close);
    const dataDir = mkdtempSync(join(tmpdir(), 'kepu-province-'));
    stops.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const keyPath = join(dataDir, 'keys', 'publisher.json');
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      KEPU_BLOB_STORE: `s3://${s3.bucket}/${options.prefix ?? 'blobs'}`,
      KEPU_PUBLISHER_KEY: keyPath,
      KEPU_WEB_DIR: join(dataDir, 'no-web'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...s3.env,
      ...options.extraEnv,
    };
    const hubs: HubProcess[] = [];
    const hubPorts: number[] = [];
    // The first process seeds the database and publishes the demo content; then the others.
    hubs.push(await startHubProcess(dataDir, 0, env));
    hubPorts.push(hubs[0]?.port as number);
    const rest = await Promise.all(
      Array.from({ length: options.processes - 1 }, () => startHubProcess(dataDir, 0, env)),
    );
    for (const h of rest) {
      hubs.push(h);
      hubPorts.push(h.port);
    }
    stops.push(async () => {
      for (const h of hubs) await h.kill('SIGKILL');
    });
    const nginx = await startNginx(hubPorts);
    stops.push(nginx.stop);
    const watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
    stops.push(() => watcher.end());
    return {
      url: nginx.url,
      databaseUrl: database.url,
      s3,
      hubs,
      hubPorts,
      env,
      dataDir,
      keyPath,
      async kill(i, signal = 'SIGKILL') {
        await hubs[i]?.kill(signal);
      },
      async restart(i) {
        hubs[i] = await startHubProcess(dataDir, hubPorts[i], env);
      },
      accessLog: nginx.accessLog,
      async connections() {
        const { rows } = await watcher.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        return Number(rows[0]?.n ?? 0);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export { HUB_PROCESS_PASSWORD };
