import { createHash } from 'node:crypto';
import { FeedError, parseFeed } from '../cap/feed.ts';
import { XmlError } from '../cap/xml.ts';
import type { HubContext } from '../http/context.ts';
import type { Job } from '../scheduler.ts';
import type { CapFeed } from '../storage/warning-store.ts';
import { fetchFeed } from './feed-fetch.ts';
import { type CapSource, type IngestResult, ingestCapBytes, ingestCapElement } from './ingest.ts';

/** A feed document may be this large; each linked CAP document 512 KB. */
const FEED_BYTES = 2 * 1024 * 1024;
const CAP_BYTES = 512 * 1024;
/** Linked CAP documents fetched per poll at most (the rest wait for the next poll). */
const MAX_LINKED = 50;
/** Failed polls back off from the feed's interval, doubling, up to this. */
const MAX_BACKOFF_MS = 6 * 3_600_000;
/** While a feed is being polled, no other process takes it for this long. */
const LEASE_MS = 5 * 60_000;
/** Entries not seen for this long are forgotten (the feed has dropped them). */
const FORGET_MS = 30 * 86_400_000;

/** What one poll of a feed did. */
export interface PollResult {
  feedId: string;
  status: 'ok' | 'unchanged' | 'failed';
  error: string | null;
  results: IngestResult[];
}

/** When to poll again after `failures` failed polls in a row (with ±10% jitter). */
export function backoffMs(
  intervalSeconds: number,
  failures: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(intervalSeconds * 1000 * 2 ** Math.min(failures, 20), MAX_BACKOFF_MS);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/**
 * Polls one feed: a conditional GET, then every entry not handled before (an embedded alert,
 * or its linked CAP document fetched), each through the CAP ingest; records the result and
 * when to poll next (the interval, or a growing backoff after a failure, or Retry-After).
 */
export async function pollFeed(ctx: HubContext, feed: CapFeed): Promise<PollResult> {
  const ws = ctx.store.warnings;
  const from: CapSource = { source: `feed:${feed.id}`, adminId: null, label: `feed ${feed.name}` };
  const started = ctx.now();
  const fail = async (error: string, retryAfterMs: number | null = null): Promise<PollResult> => {
    const failures = feed.failures + 1;
    const wait = Math.max(backoffMs(feed.intervalSeconds, failures), retryAfterMs ?? 0);
    // A new kind of failure is audited once; the console shows the last one.
    if (error !== feed.lastError) {
      await ctx.store.audit({
        adminId: null,
        action: 'cap.feed.failed',
        detail: `feed ${feed.name}: ${error}`,
        at: started,
      });
    }
    await ws.recordPoll(feed.id, {
      at: started,
      ok: false,
      error,
      etag: feed.etag,
      lastModified: feed.lastModified,
      failures,
      nextPollAt: new Date(started.getTime() + wait),
    });
    return { feedId: feed.id, status: 'failed', error, results: [] };
  };
  const succeed = async (
    status: 'ok' | 'unchanged',
    results: IngestResult[],
    etag: string | null,
    lastModified: string | null,
  ): Promise<PollResult> => {
    if (feed.lastError !== null) {
      await ctx.store.audit({
        adminId: null,
        action: 'cap.feed.recovered',
        detail: `feed ${feed.name}`,
        at: started,
      });
    }
    await ws.recordPoll(feed.id, {
      at: started,
      ok: true,
      error: null,
      etag,
      lastModified,
      failures: 0,
      nextPollAt: new Date(started.getTime() + feed.intervalSeconds * 1000),
    });
    return { feedId: feed.id, status, error: null, results };
  };

  const got = await fetchFeed(feed.url, {
    etag: feed.etag,
    lastModified: feed.lastModified,
    maxBytes: FEED_BYTES,
  });
  if (got.kind === 'failed') return fail(got.error, got.retryAfterMs);
  if (got.kind === 'unchanged') return succeed('unchanged', [], feed.etag, feed.lastModified);

  let doc: ReturnType<typeof parseFeed>;
  try {
    doc = parseFeed(got.bytes, feed.url);
  } catch (error) {
    if (error instanceof XmlError) return fail(`${error.code}: ${error.message} (line ${error.line})`);
    if (error instanceof FeedError) return fail(`${error.code}: ${error.message}`);
    throw error;
  }
  // A single CAP document is handled once per distinct body, whatever its server's caching.
  const entries =
    doc.kind === 'cap'
      ? [{ key: `sha256:${createHash('sha256').update(got.bytes).digest('hex')}`, alert: doc.alert }]
      : doc.entries;
  const seen = await ws.seenEntries(
    feed.id,
    entries.map((e) => e.key),
  );
  const results: IngestResult[] = [];
  const done: string[] = [];
  let linked = 0;
  let linkError: string | null = null;
  // Oldest first, so an Alert is in before the Update that names it.
  for (const entry of [...entries].reverse()) {
    if (seen.has(entry.key)) continue;
    if (entry.alert) {
      results.push(await ingestCapElement(ctx, entry.alert, from));
    } else if (entry.url) {
      if (linked++ >= MAX_LINKED) continue;
      const capDoc = await fetchFeed(entry.url, { maxBytes: CAP_BYTES });
      // A linked document that cannot be fetched now is tried again at the next poll.
      if (capDoc.kind !== 'body') {
        linkError = capDoc.kind === 'failed' ? `${capDoc.error} (${entry.url})` : linkError;
        continue;
      }
      results.push(await ingestCapBytes(ctx, capDoc.bytes, from));
    }
    done.push(entry.key);
  }
  await ws.rememberEntries(feed.id, [...done, ...seen], started);
  await ws.forgetEntries(feed.id, new Date(started.getTime() - FORGET_MS));
  if (linkError) return fail(linkError);
  return succeed('ok', results, got.etag, got.lastModified);
}

/** The feed poller: one entry per tick, run by the hub's scheduler (see `capFeedJob`). */
export interface CapPoller {
  /** Polls every feed due now, one at a time; what each poll did. */
  tick(): Promise<PollResult[]>;
}

/**
 * Polls the feeds due now. Each feed is claimed in the database before it is polled (its next
 * poll moved out by a lease in the same statement), so even two ticks at once, in one process
 * or several on one PostgreSQL, never poll one feed twice.
 */
export function createCapPoller(ctx: HubContext, options: { maxPerTick?: number } = {}): CapPoller {
  return {
    async tick() {
      const results: PollResult[] = [];
      for (let i = 0; i < (options.maxPerTick ?? 20); i++) {
        const now = ctx.now();
        const feed = await ctx.store.warnings.claimDueFeed(now, new Date(now.getTime() + LEASE_MS));
        if (!feed) break;
        results.push(await pollFeed(ctx, feed));
      }
      return results;
    },
  };
}

/**
 * The scheduler's job that looks for due feeds every `everyMs` (each feed keeps its own
 * interval and backoff); the job's lease makes one hub process look at a time.
 */
export function capFeedJob(ctx: HubContext, everyMs: number): Job {
  const poller = createCapPoller(ctx);
  return {
    name: 'cap-feeds',
    everyMs,
    run: async () => {
      await poller.tick();
    },
  };
}
