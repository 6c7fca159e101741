import * as v from 'valibot';
import { REPORT_LOCALES, REPORT_SCOPES } from './report-scopes.ts';

export { REPORT_LOCALES, REPORT_SCOPES, type ReportLocale, type ReportScope } from './report-scopes.ts';

/** A report sent by email on a schedule: weekly (each Monday, the week before) or monthly (the 1st). */
export const ReportScheduleInputSchema = v.pipe(
  v.strictObject({
    period: v.picklist(['weekly', 'monthly']),
    scope: v.picklist(REPORT_SCOPES),
    /** The town or group name; empty for the county. */
    scopeValue: v.pipe(v.string(), v.trim(), v.maxLength(60)),
    recipients: v.pipe(
      v.array(v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('not an email address'))),
      v.minLength(1),
      v.maxLength(20),
    ),
    locale: v.picklist(REPORT_LOCALES),
    enabled: v.boolean(),
  }),
  v.check(
    (s) => (s.scope === 'county') === (s.scopeValue === ''),
    'a town or group report names its town or group; a county report names none',
  ),
);
export type ReportScheduleInput = v.InferOutput<typeof ReportScheduleInputSchema>;
export interface ReportSchedule extends ReportScheduleInput {
  id: string;
}

/** One sending of a scheduled report. */
export interface ReportRun {
  scheduleId: string;
  /** `2026-11` for a month, `2026-W47` for a week. */
  period: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  at: string;
  error: string | null;
}
