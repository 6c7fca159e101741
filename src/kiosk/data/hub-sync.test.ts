import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { UsageBatch } from '../../protocol/usage.ts';
import { type HubClient, HubError } from './hub-client.ts';
import { backoffDelay, createHubSync } from './hub-sync.ts';
import { openKioskDb } from './kiosk-db.ts';
import { createUsageOutbox } from './usage-outbox.ts';

let n = 0;

function fakeClient(failUsage: () => boolean) {
  const received: UsageBatch[] = [];
  const client: HubClient = {
    enroll: async () => {
      throw new Error('not used');
    },
    async sendUsage(batch) {
      if (failUsage()) throw new HubError('NETWORK_ERROR', 0, 'offline');
      received.push(batch);
      return { status: 'applied' };
    },
    sendHeartbeat: async () => undefined,
    config: async () => {
      throw new HubError('NETWORK_ERROR', 0, 'offline');
    },
  };
  return { client, received };
}

describe('backoffDelay', () => {
  it('doubles up to the cap, with jitter between half and all of it', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, () => 0.5)).toBe(45_000);
  });
});

describe('createHubSync', () => {
  it('deletes a batch only after the hub acknowledged it', async () => {
    const outbox = createUsageOutbox(openKioskDb(`sync-${n++}`));
    let offline = true;
    const { client, received } = fakeClient(() => offline);
    const errors: string[] = [];
    const sync = createHubSync({
      outbox,
      client,
      enrolled: () => true,
      heartbeat: async () => ({
        appVersion: '1',
        packVersion: 1,
        lastUpdate: null,
        errors: [],
        storage: null,
        queue: 0,
      }),
      onConfig: () => {},
      onError: (code) => errors.push(code),
    });
    outbox.count('article_open', 'flood-safety');
    expect(await sync.runNow()).toBe(false);
    expect(errors).toEqual(['NETWORK_ERROR']);
    expect(await outbox.queueLength()).toBe(1);
    outbox.count('article_open', 'flood-safety');
    offline = false;
    await sync.runNow();
    // Two rounds, two batches, nothing lost, nothing doubled.
    expect(received.flatMap((b) => b.counters).reduce((s, c) => s + c.count, 0)).toBe(2);
    expect(await outbox.queueLength()).toBe(0);
  });

  it('sends nothing before enrollment', async () => {
    const outbox = createUsageOutbox(openKioskDb(`sync-${n++}`));
    const { client, received } = fakeClient(() => false);
    const sync = createHubSync({
      outbox,
      client,
      enrolled: () => false,
      heartbeat: async () => {
        throw new Error('no');
      },
      onConfig: () => {},
      onError: () => {},
    });
    outbox.count('idle_reset', '-');
    expect(await sync.runNow()).toBe(true);
    expect(received).toEqual([]);
  });
});
