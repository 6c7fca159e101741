/** The hub as a child process (so it can be killed and restarted), on a fixed data folder. */
import { type ChildProcess, spawn } from 'node:child_process';

export interface HubProcess {
  port: number;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The demo admin's password in hubs started here. */
export const HUB_PROCESS_PASSWORD = 'faults-password';

export function startHubProcess(
  dataDir: string,
  port = 0,
  extraEnv: Record<string, string> = {},
  /** Flags for node itself (for example --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs: readonly string[] = [],
): Promise<HubProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', ...nodeArgs, 'src/hub/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        KEPU_DATA_DIR: dataDir,
        KEPU_DEMO_ADMIN_PASSWORD: HUB_PROCESS_PASSWORD,
        KEPU_AUTH_ATTEMPTS_PER_MINUTE: '1000000',
        KEPU_STATION_REQUESTS_PER_MINUTE: '1000000',
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      // The hub's own errors (pino level 50+) reach the test's output: a 5xx says why.
      for (const line of String(d).split('\n')) {
        if (/"level":(5|6)\d/.test(line)) process.stderr.write(`hub ${child.pid}: ${line.slice(0, 1500)}\n`);
      }
      out += String(d);
      const match = /kiosk:\s+http:\/\/localhost:(\d+)/.exec(out);
      if (match)
        resolve({
          port: Number(match[1]),
          child,
          kill: (signal = 'SIGKILL') =>
            new Promise((done) => {
              // Let go of the pipe too, or this process waits for it at exit.
              const finish = () => {
                child.stdout?.destroy();
                done();
              };
              if (child.exitCode !== null || child.signalCode !== null) return finish();
              child.once('exit', finish);
              // The whole group: npx, tsx and node.
              process.kill(-(child.pid ?? 0), signal);
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`hub exited ${code}: ${out.slice(-400)}`)));
  });
}

/** Signs in as the demo admin and enrolls `n` stations; returns their tokens. */
export async function enrollStations(url: string, n: number): Promise<Array<{ id: string; token: string }>> {
  const login = await fetch(`${url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: HUB_PROCESS_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = {
    'content-type': 'application/json',
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': csrfToken,
    origin: url,
  };
  const stations: Array<{ id: string; token: string }> = [];
  for (let i = 0; i < n; i++) {
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
    const body = (await enrolled.json()) as { stationId: string; token: string };
    stations.push({ id: body.stationId, token: body.token });
  }
  return stations;
}
