import { deliverAlerts } from './alerts/delivery.ts';
import { evaluateAlerts } from './alerts/engine.ts';
import type { HubContext } from './http/context.ts';
import { sendScheduledReports } from './period-report/schedule-job.ts';
import type { Job } from './scheduler.ts';
import { stationDayStart } from './uptime-report.ts';

const MINUTE = 60_000;

/** Rolls heartbeats up into uptime per station day, from the day before the last one rolled up. */
export async function rollupUptime(ctx: HubContext): Promise<void> {
  const last = await ctx.store.uptime.lastDay();
  const from = last ? new Date(stationDayStart(last) - 86_400_000) : await ctx.store.uptime.firstHeartbeat();
  if (from) await ctx.store.uptime.rollup(from, ctx.now());
}

/** The hub's scheduled work: alerts every minute (or `alertEveryMs`), uptime and reports every 10 minutes. */
export function hubJobs(ctx: HubContext, options: { alertEveryMs?: number } = {}): Job[] {
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
  ];
}
