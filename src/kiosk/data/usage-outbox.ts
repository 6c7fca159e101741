import type { IDBPDatabase } from 'idb';
import * as v from 'valibot';
import {
  type Counter,
  CounterSchema,
  counterKey,
  MAX_BATCH_COUNTERS,
  METRICS,
  type Metric,
  type UsageBatch,
  UsageBatchSchema,
} from '../../protocol/usage.ts';
import type { KioskDB } from './kiosk-db.ts';

/** The station's local date, YYYY-MM-DD: days, never timestamps. */
export function localDay(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Anonymous usage counters on their way to the hub. Counts add up in memory, reach
 * IndexedDB on `flush()`, are sealed into batches with random ids by `seal()`, and a batch
 * leaves the database only when the hub has acknowledged it. Nothing is lost offline.
 */
export function createUsageOutbox(db: Promise<IDBPDatabase<KioskDB>>, today: () => string = localDay) {
  let memory = new Map<string, Counter>();

  /** Adds one to a counter; a metric/key pair outside the vocabulary is refused. */
  function count(metric: Metric, key: string): void {
    if (!METRICS[metric].test(key)) {
      console.warn('USAGE_KEY_INVALID', metric, key);
      return;
    }
    const counter = { day: today(), metric, key, count: 1 };
    const id = counterKey(counter);
    const existing = memory.get(id);
    if (existing) existing.count++;
    else memory.set(id, counter);
  }

  /** Writes in-memory counts to IndexedDB in one transaction; on failure they stay in memory. */
  async function flush(): Promise<void> {
    if (memory.size === 0) return;
    const batch = memory;
    memory = new Map();
    try {
      const tx = (await db).transaction('pending', 'readwrite');
      for (const [id, counter] of batch) {
        const stored = v.safeParse(CounterSchema, await tx.store.get(id));
        const count = (stored.success ? stored.output.count : 0) + counter.count;
        await tx.store.put({ ...counter, count }, id);
      }
      await tx.done;
    } catch (error) {
      for (const [id, counter] of batch) {
        const again = memory.get(id);
        memory.set(id, again ? { ...counter, count: counter.count + again.count } : counter);
      }
      throw error;
    }
  }

  /** Moves every pending counter into sealed batches (at most 500 counters each), atomically. */
  async function seal(): Promise<number> {
    await flush();
    const tx = (await db).transaction(['pending', 'outbox'], 'readwrite');
    const counters = (await tx.objectStore('pending').getAll()).filter((c) => v.is(CounterSchema, c));
    for (let i = 0; i < counters.length; i += MAX_BATCH_COUNTERS) {
      await tx
        .objectStore('outbox')
        .put({ batchId: crypto.randomUUID(), counters: counters.slice(i, i + MAX_BATCH_COUNTERS) });
    }
    await tx.objectStore('pending').clear();
    await tx.done;
    return Math.ceil(counters.length / MAX_BATCH_COUNTERS);
  }

  /** Sealed batches, oldest first; a record that fails validation is dropped and reported. */
  async function batches(): Promise<UsageBatch[]> {
    const store = await db;
    const good: UsageBatch[] = [];
    for (const record of await store.getAll('outbox')) {
      const parsed = v.safeParse(UsageBatchSchema, record);
      if (parsed.success) good.push(parsed.output);
      else {
        console.warn('OUTBOX_RECORD_INVALID', parsed.issues[0].message);
        if (typeof record?.batchId === 'string') await store.delete('outbox', record.batchId);
      }
    }
    return good;
  }

  return {
    count,
    flush,
    seal,
    batches,
    /** Forgets a batch the hub has acknowledged. */
    acknowledge: async (batchId: string) => (await db).delete('outbox', batchId),
    /** Sealed batches waiting, for the heartbeat. */
    queueLength: async () => (await db).count('outbox'),
  };
}

export type UsageOutbox = ReturnType<typeof createUsageOutbox>;
