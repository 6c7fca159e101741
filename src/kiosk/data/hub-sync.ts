import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { RemoteConfig } from '../../protocol/remote-config.ts';
import { type HubClient, HubError } from './hub-client.ts';
import { createRetryLoop } from './retry-loop.ts';
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
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

/**
 * Keeps the kiosk and hub in step: seals counters, uploads each batch (deleted only once the
 * hub acknowledged it), sends a heartbeat and fetches the station config, every 5 minutes,
 * with exponential backoff and jitter after a failure.
 */
export function createHubSync(options: SyncOptions) {
  async function round(): Promise<boolean> {
    if (!options.enrolled()) return true;
    try {
      await options.outbox.seal();
      for (const batch of await options.outbox.batches()) {
        await options.client.sendUsage(batch);
        await options.outbox.acknowledge(batch.batchId);
      }
      await options.client.sendHeartbeat(await options.heartbeat());
      options.onConfig(await options.client.config());
      options.onResult?.(true);
      return true;
    } catch (error) {
      options.onError(error instanceof HubError ? error.code : 'SYNC_FAILED');
      options.onResult?.(false);
      return false;
    }
  }

  return createRetryLoop({
    round,
    intervalMs: options.intervalMs ?? 5 * 60_000,
    backoffMs: options.backoffMs ?? 30_000,
    maxBackoffMs: options.maxBackoffMs ?? 30 * 60_000,
    ...(options.random ? { random: options.random } : {}),
  });
}
