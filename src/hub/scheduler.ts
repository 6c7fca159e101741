import { hostname } from 'node:os';
import { randomToken } from './auth/secrets.ts';
import type { LeaseStore } from './storage/lease-store.ts';

/** Work the hub does by itself, at most once per `everyMs` across all hub processes. */
export interface Job {
  name: string;
  everyMs: number;
  run(now: Date): Promise<void>;
}

export interface Scheduler {
  /** This process's name in the leases table. */
  readonly holder: string;
  /** Runs every job that is due and not taken by another process; the names of those run here. */
  tick(): Promise<string[]>;
  /** Ticks every `pollMs` until stop(). */
  start(): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  leases: LeaseStore;
  jobs: readonly Job[];
  now: () => Date;
  /** How often to look for due jobs (default 15 s). */
  pollMs?: number;
  holder?: string;
  onError?: (job: string, error: unknown) => void;
}

/**
 * A scheduler that runs each job once per period across hub processes sharing a database: a
 * job's lease (`job:<name>`) is taken for one period, and only a process that takes it runs
 * the job; the lease's expiry is the job's next due time. A process that dies mid-job leaves
 * the lease to expire, and the job runs again in the next period, so jobs must be idempotent
 * (the alert and report jobs are: state versions and a sending ledger in the database).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomToken(6)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<string[]> | undefined;

  async function runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of options.jobs) {
      const now = options.now();
      const taken = await options.leases
        .acquire(`job:${job.name}`, holder, new Date(now.getTime() + job.everyMs), now)
        .catch((error: unknown) => {
          options.onError?.(job.name, error);
          return false;
        });
      if (!taken) continue;
      ran.push(job.name);
      try {
        await job.run(now);
      } catch (error) {
        options.onError?.(job.name, error);
      }
    }
    return ran;
  }

  return {
    holder,
    tick() {
      // One tick at a time in a process: a slow tick is not overlapped by the next one.
      if (running) return running.then(() => []);
      running = runDue().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => void this.tick(), options.pollMs ?? 15_000);
      timer.unref();
      void this.tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
