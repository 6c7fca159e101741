import type { ReportRun, ReportSchedule } from '../../protocol/report-schedules.ts';
import { fromJson, type Row, toDate, toInt } from './mappers.ts';
import { type SqlPort, toFlag } from './sql-port.ts';

/** A schedule as stored: when it was made (it sends only periods that end after that). */
export interface ScheduleRecord extends ReportSchedule {
  createdAt: Date;
}

/** Scheduled reports and the ledger of their sendings (one row per schedule and period). */
export interface ScheduleStore {
  list(): Promise<ScheduleRecord[]>;
  save(schedule: ScheduleRecord): Promise<void>;
  delete(id: string): Promise<boolean>;
  /**
   * Takes the sending of `period` for `scheduleId` until `until`: when it was never tried, or
   * failed (or was left half-done) and is due again at `now`, with fewer than `maxAttempts` tries.
   * True when this caller should send it now.
   */
  claimRun(scheduleId: string, period: string, now: Date, until: Date, maxAttempts: number): Promise<boolean>;
  /** Records how a sending ended; a failure is due again at `retryAt`. */
  finishRun(
    scheduleId: string,
    period: string,
    outcome: { ok: true } | { ok: false; error: string; retryAt: Date },
    now: Date,
  ): Promise<void>;
  /** The newest sendings first. */
  runs(limit: number): Promise<ReportRun[]>;
}

function toSchedule(r: Row): ScheduleRecord {
  return {
    id: String(r.id),
    period: String(r.period) as ScheduleRecord['period'],
    scope: String(r.scope) as ScheduleRecord['scope'],
    scopeValue: String(r.scope_value),
    recipients: fromJson<string[]>(r.recipients),
    locale: String(r.locale) as ScheduleRecord['locale'],
    enabled: toFlag(r.enabled),
    createdAt: toDate(r.created_at),
  };
}

/** The schedule store on either database. */
export function createScheduleStore(port: SqlPort): ScheduleStore {
  return {
    async list() {
      return (
        await port.all(
          `SELECT id, period, scope, scope_value, recipients, locale, enabled, created_at
           FROM report_schedules ORDER BY period, scope, scope_value, id`,
        )
      ).map(toSchedule);
    },
    async save(s) {
      await port.run(
        `INSERT INTO report_schedules (id, period, scope, scope_value, recipients, locale, enabled, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET period = excluded.period, scope = excluded.scope,
           scope_value = excluded.scope_value, recipients = excluded.recipients, locale = excluded.locale,
           enabled = excluded.enabled`,
        [s.id, s.period, s.scope, s.scopeValue, s.recipients, s.locale, s.enabled, s.createdAt],
      );
    },
    async delete(id) {
      return (await port.run('DELETE FROM report_schedules WHERE id = ?', [id])) > 0;
    },
    async claimRun(scheduleId, period, now, until, maxAttempts) {
      const changed = await port.run(
        `INSERT INTO report_runs (schedule_id, period, status, attempts, at, next_at, error)
         VALUES (?, ?, 'sending', 1, ?, ?, NULL)
         ON CONFLICT (schedule_id, period) DO UPDATE SET status = 'sending',
           attempts = report_runs.attempts + 1, at = excluded.at, next_at = excluded.next_at
         WHERE report_runs.status <> 'sent' AND report_runs.next_at <= ? AND report_runs.attempts < ?`,
        [scheduleId, period, now, until, now, maxAttempts],
      );
      return changed === 1;
    },
    async finishRun(scheduleId, period, outcome, now) {
      await port.run(
        'UPDATE report_runs SET status = ?, at = ?, next_at = ?, error = ? WHERE schedule_id = ? AND period = ?',
        outcome.ok
          ? ['sent', now, now, null, scheduleId, period]
          : ['failed', now, outcome.retryAt, outcome.error.slice(0, 500), scheduleId, period],
      );
    },
    async runs(limit) {
      return (
        await port.all(
          'SELECT schedule_id, period, status, attempts, at, error FROM report_runs ORDER BY at DESC LIMIT ?',
          [limit],
        )
      ).map((r) => ({
        scheduleId: String(r.schedule_id),
        period: String(r.period),
        status: String(r.status) as ReportRun['status'],
        attempts: toInt(r.attempts),
        at: toDate(r.at).toISOString(),
        error: r.error === null || r.error === undefined ? null : String(r.error),
      }));
    },
  };
}
