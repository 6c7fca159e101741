/**
 * A kiosk as the hub sees it, in Node: it speaks the station protocol the way
 * src/kiosk/data (hub-client, pack-sources, update-engine, usage-outbox) does: enroll, poll the
 * manifest with its ETag, verify the signature, fetch only the blobs it lacks (4 at a time,
 * each sha256-checked), switch, send usage batches (kept until acknowledged, resent with the
 * same id) and heartbeats. Every response is recorded for the test's checks.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { TrustedKey } from '../../src/protocol/pack-manifest.ts';
import { type SubtleLike, verifyManifest } from '../../src/protocol/pack-verify.ts';
import type { Counter } from '../../src/protocol/usage.ts';

const subtle = globalThis.crypto.subtle as unknown as SubtleLike;

/** One HTTP exchange as a kiosk saw it. */
export interface Exchange {
  kiosk: number;
  what: string;
  status: number; // 0: no response (connection refused, reset, timed out)
  start: number;
  end: number;
}

/** Statuses a kiosk treats as "try again later" (the hub or the proxy was not there). */
const RETRY = new Set([0, 429, 500, 502, 503, 504]);

export class SimKiosk {
  token?: string;
  stationId?: string;
  etag?: string;
  version = 0;
  readonly blobs = new Set<string>();
  /** Usage batches sealed and not yet acknowledged: the outbox. */
  readonly outbox: Array<{ batchId: string; counters: Counter[] }> = [];
  /** What this kiosk counted, by station|day|metric|key, once acknowledged. */
  readonly acknowledged = new Map<string, number>();
  batchesSent = 0;
  bytesDownloaded = 0;

  constructor(
    readonly n: number,
    readonly base: string,
    readonly keys: readonly TrustedKey[],
    readonly log: Exchange[],
    readonly random: () => number,
  ) {}

  private async call(what: string, path: string, init: RequestInit = {}): Promise<Response | null> {
    const start = performance.now();
    try {
      const res = await fetch(`${this.base}${path}`, {
        ...init,
        headers: {
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
        signal: AbortSignal.timeout(15_000),
      });
      this.log.push({ kiosk: this.n, what, status: res.status, start, end: performance.now() });
      return res;
    } catch {
      this.log.push({ kiosk: this.n, what, status: 0, start, end: performance.now() });
      return null;
    }
  }

  /** Calls until the answer is not a "try again" one, with a short jittered backoff. */
  private async until(what: string, path: string, init: RequestInit = {}, deadline = Date.now() + 120_000) {
    for (;;) {
      const res = await this.call(what, path, init);
      if (res && !RETRY.has(res.status)) return res;
      await res?.arrayBuffer().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`kiosk ${this.n}: ${what} kept failing (${res?.status ?? 'no answer'})`);
      await new Promise((r) => setTimeout(r, 100 + this.random() * 200));
    }
  }

  async enroll(code: string): Promise<void> {
    // One attempt id for every retry, as the real kiosk sends (station-sync.ts): a redemption
    // whose answer a dying process never sent is redeemed again, not refused as used.
    const attempt = randomUUID();
    const res = await this.until('enroll', '/api/v1/enroll', {
      method: 'POST',
      body: JSON.stringify({ code, attempt }),
    });
    const body = (await res.json()) as { token?: string; stationId?: string; code?: string };
    if (res.status !== 200 || !body.token)
      throw new Error(`kiosk ${this.n}: enrollment refused: ${JSON.stringify(body)}`);
    this.token = body.token;
    this.stationId = body.stationId;
  }

  /** Polls the manifest; on a new version, downloads what it lacks and switches. True if it switched. */
  async update(): Promise<boolean> {
    const res = await this.until('manifest', '/api/v1/packs/current/manifest', {
      headers: this.etag ? { 'if-none-match': this.etag } : {},
    });
    if (res.status === 304) return false;
    if (res.status !== 200) throw new Error(`kiosk ${this.n}: manifest ${res.status}`);
    const text = await res.text();
    const manifest = await verifyManifest(JSON.parse(text), {
      subtle,
      keys: this.keys,
      now: new Date(),
      activeVersion: this.version,
    });
    const need = [...new Set(manifest.files.map((f) => f.sha256))].filter((h) => !this.blobs.has(h));
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < need.length; i = next++) {
        const hash = need[i] as string;
        for (;;) {
          const blob = await this.until('blob', `/api/v1/blobs/${hash}`);
          if (blob.status !== 200) throw new Error(`kiosk ${this.n}: blob ${hash}: ${blob.status}`);
          const bytes = new Uint8Array(await blob.arrayBuffer().catch(() => new ArrayBuffer(0)));
          // A body cut off (the process died mid-send) fails the hash: fetch it again.
          if (createHash('sha256').update(bytes).digest('hex') === hash) {
            this.blobs.add(hash);
            this.bytesDownloaded += bytes.byteLength;
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    this.version = manifest.version;
    this.etag = res.headers.get('etag') ?? undefined;
    return true;
  }

  /** Seals a batch of counters for `day` into the outbox. */
  count(day: string): void {
    const counters: Counter[] = [
      {
        day,
        metric: 'article_open',
        key: `a-${Math.floor(this.random() * 37)}`,
        count: 1 + Math.floor(this.random() * 9),
      },
      {
        day,
        metric: 'language',
        key: ['zh-CN', 'vi', 'en'][Math.floor(this.random() * 3)] ?? 'vi',
        count: 1,
      },
      { day, metric: 'idle_reset', key: '-', count: 1 + Math.floor(this.random() * 4) },
    ];
    this.outbox.push({ batchId: randomUUID(), counters });
  }

  /** Sends the outbox, oldest first; each batch is dropped only once the hub acknowledged it. */
  async flush(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox[0] as (typeof this.outbox)[number];
      this.batchesSent++;
      const res = await this.until('usage', '/api/v1/usage', { method: 'POST', body: JSON.stringify(batch) });
      const body = (await res.json()) as { status?: string };
      if (res.status !== 200 || (body.status !== 'applied' && body.status !== 'duplicate'))
        throw new Error(`kiosk ${this.n}: usage refused ${res.status} ${JSON.stringify(body)}`);
      for (const c of batch.counters) {
        const k = `${this.stationId}|${c.day}|${c.metric}|${c.key}`;
        this.acknowledged.set(k, (this.acknowledged.get(k) ?? 0) + c.count);
      }
      this.outbox.shift();
    }
  }

  async heartbeat(): Promise<void> {
    const res = await this.until('heartbeat', '/api/v1/heartbeat', {
      method: 'POST',
      body: JSON.stringify({
        appVersion: 'sim-1',
        packVersion: this.version,
        lastUpdate: { checkedAt: new Date().toISOString(), result: 'ok' },
        errors: [],
        storage: { used: this.bytesDownloaded, quota: 1e9 },
        queue: this.outbox.length,
      }),
    });
    if (res.status !== 204) throw new Error(`kiosk ${this.n}: heartbeat ${res.status} ${await res.text()}`);
  }
}
