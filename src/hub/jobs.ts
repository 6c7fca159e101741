import { deliverAlerts } from './alerts/delivery.ts';
import { evaluateAlerts } from './alerts/engine.ts';
import { collectBlobs } from './blob-gc.ts';
import { DRAFT_HOURS } from './drafts.ts';
import type { HubContext } from './http/context.ts';
import { sendScheduledReports } from './period-report/schedule-job.ts';
import type { Job } from './scheduler.ts';
import { stationDayStart } from './uptime-report.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Rolls heartbeats up into uptime per station day, from the day before the last one rolled up. */
export async function rollupUptime(ctx: HubContext): Promise<void> {
  const last = await ctx.store.uptime.lastDay();
  const from = last ? new Date(stationDayStart(last) - 86_400_000) : await ctx.store.uptime.firstHeartbeat();
  if (from) await ctx.store.uptime.rollup(from, ctx.now());
}

/**
 * The hub's scheduled work: alerts every minute (or `alertEveryMs`), uptime and reports every
 * 10 minutes, housekeeping every hour, blob garbage collection every 6 hours.
 */
export function hubJobs(
  ctx: HubContext,
  options: { alertEveryMs?: number; log?: (msg: string, detail: object) => void } = {},
): Job[] {
  const log = options.log ?? (() => {});
  return [
    {
      name: 'alerts',
      everyMs: options.alertEveryMs ?? MINUTE,
      run: async () => {
        await evaluateAlerts(ctx);
        await deliverAlerts(ctx);
      },
    },
    { name: 'uptime', everyMs: 10 * MINUTE, run: () => rollupUptime(ctx) },
    {
      name: 'reports',
      everyMs: 10 * MINUTE,
      run: async () => {
        // The report reads uptime, so bring it up to date first.
        await rollupUptime(ctx);
        await sendScheduledReports(ctx);
      },
    },
    {
      // Drafts nobody confirmed, and rate-limit windows long over.
      name: 'housekeeping',
      everyMs: HOUR,
      run: async (now) => {
        const drafts = await ctx.store.pruneDrafts(new Date(now.getTime() - DRAFT_HOURS * HOUR));
        const windows = await ctx.store.limits.pruneRateLimits(new Date(now.getTime() - HOUR));
        log('housekeeping', { drafts, rateLimitWindows: windows });
      },
    },
    {
      // Blobs of no kept release and no draft, older than the grace period (blob-gc.ts).
      name: 'blob-gc',
      everyMs: 6 * HOUR,
      run: async (now) => {
        const result = await collectBlobs({ store: ctx.store, blobs: ctx.blobs, now });
        log('blob garbage collection', { ...result, deleted: result.deleted.length });
      },
    },
  ];
}
