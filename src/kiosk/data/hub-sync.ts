import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { RemoteConfig } from '../../protocol/remote-config.ts';
import { type HubClient, HubError } from './hub-client.ts';
import type { UsageOutbox } from './usage-outbox.ts';

export interface SyncOptions {
  outbox: UsageOutbox;
  client: HubClient;
  /** False until the station is enrolled (no token): nothing is sent. */
  enrolled: () => boolean;
  heartbeat: () => Promise<Heartbeat>;
  onConfig: (config: RemoteConfig) => void;
  /** An error code to show on the maintenance screen and report in the next heartbeat. */
  onError: (code: string) => void;
  /** After every round: whether it succeeded. */
  onResult?: (ok: boolean) => void;
  /** Time between rounds while things work (heartbeats every 5 minutes). */
  intervalMs?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

/** Delay before retry `failures` (1-based): exponential, capped, with "equal jitter". */
export function backoffDelay(failures: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** (failures - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/**
 * Keeps the kiosk and hub in step: seals counters, uploads each batch (deleted only once the
 * hub acknowledged it), sends a heartbeat and fetches the station config. Runs every
 * `intervalMs`; after a failure retries with exponential backoff and jitter.
 */
export function createHubSync(options: SyncOptions) {
  const interval = options.intervalMs ?? 5 * 60_000;
  const base = options.backoffMs ?? 30_000;
  const max = options.maxBackoffMs ?? 30 * 60_000;
  const random = options.random ?? Math.random;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  async function round(): Promise<void> {
    if (!options.enrolled()) return;
    await options.outbox.seal();
    for (const batch of await options.outbox.batches()) {
      await options.client.sendUsage(batch);
      await options.outbox.acknowledge(batch.batchId);
    }
    await options.client.sendHeartbeat(await options.heartbeat());
    options.onConfig(await options.client.config());
  }

  /** One round now (a second call while one runs waits for it). Resolves true on success. */
  async function runNow(): Promise<boolean> {
    running ??= round().finally(() => {
      running = undefined;
    });
    try {
      await running;
      failures = 0;
      options.onResult?.(true);
      return true;
    } catch (error) {
      failures++;
      options.onError(error instanceof HubError ? error.code : 'SYNC_FAILED');
      options.onResult?.(false);
      return false;
    }
  }

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ok = await runNow();
      schedule(ok ? interval : backoffDelay(failures, base, max, random));
    }, ms);
  }

  return {
    runNow,
    /** Starts the loop; the first round runs after `firstDelayMs`. */
    start(firstDelayMs = 5_000): () => void {
      schedule(firstDelayMs);
      return () => clearTimeout(timer);
    },
    failures: () => failures,
  };
}
