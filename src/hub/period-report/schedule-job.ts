import type { HubContext } from '../http/context.ts';
import { stationDay } from '../uptime-report.ts';
import { periodDueAt, periodOf, previousPeriod } from './periods.ts';
import { emailPeriodReport } from './send.ts';

const MINUTE = 60_000;
/** Tries per period before a scheduled report counts as failed for good. */
export const REPORT_ATTEMPTS = 5;
const RETRY_MS = 30 * MINUTE;
const SENDING_MS = 15 * MINUTE;

/**
 * Sends each enabled schedule's report for the latest finished period, once: a ledger row per
 * (schedule, period) is claimed before sending, so a restart, a retry or a second hub process
 * never sends it twice. Only periods that end after the schedule was made are sent.
 */
export async function sendScheduledReports(ctx: HubContext): Promise<string[]> {
  const now = ctx.now();
  const sent: string[] = [];
  for (const s of await ctx.store.schedules.list()) {
    if (!s.enabled) continue;
    const current = periodOf(s.period, stationDay(now));
    const period = previousPeriod(current);
    if (periodDueAt(period).getTime() > now.getTime()) continue;
    if (periodDueAt(period).getTime() < s.createdAt.getTime()) continue;
    const claimed = await ctx.store.schedules.claimRun(
      s.id,
      period.key,
      now,
      new Date(now.getTime() + SENDING_MS),
      REPORT_ATTEMPTS,
    );
    if (!claimed) continue;
    try {
      await emailPeriodReport(ctx, {
        period,
        scope: { scope: s.scope, value: s.scopeValue },
        locale: s.locale,
        to: s.recipients,
      });
      await ctx.store.schedules.finishRun(s.id, period.key, { ok: true }, ctx.now());
      sent.push(`${s.id}:${period.key}`);
    } catch (error) {
      await ctx.store.schedules.finishRun(
        s.id,
        period.key,
        {
          ok: false,
          error: error instanceof Error ? error.message : String(error),
          retryAt: new Date(ctx.now().getTime() + RETRY_MS),
        },
        ctx.now(),
      );
    }
  }
  return sent;
}
