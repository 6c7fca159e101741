import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { REPORT_LOCALES, REPORT_SCOPES, ReportScheduleInputSchema } from '../../protocol/report-schedules.ts';
import { requireAdmin } from '../auth/admin-auth.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { PERIOD_CSV_TABLES, periodCsv } from '../period-report/csv.ts';
import { ReportFontError } from '../period-report/fonts.ts';
import { buildPeriodReport, reportQuery, type ScopeSpec, selfTestByTown } from '../period-report/model.ts';
import { renderPeriodReportPdf, shareOf } from '../period-report/pdf.ts';
import { parsePeriod, recentPeriods } from '../period-report/periods.ts';
import { reportFileName } from '../period-report/send.ts';
import { buildReport, percent } from '../reports.ts';

const Name = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(60)), '');
const ScopeQuery = {
  scope: v.optional(v.picklist(REPORT_SCOPES), 'county'),
  value: Name,
};
const ListQuerySchema = v.object({
  kind: v.optional(v.picklist(['monthly', 'weekly']), 'monthly'),
  ...ScopeQuery,
});
const ReportQuerySchema = v.object({
  ...ScopeQuery,
  lang: v.optional(v.picklist(REPORT_LOCALES), 'zh-CN'),
  format: v.optional(v.picklist(['json', 'pdf', 'csv']), 'json'),
  table: v.optional(v.picklist(PERIOD_CSV_TABLES), 'summary'),
});

function scopeOf(q: { scope: ScopeSpec['scope']; value: string }): ScopeSpec {
  if ((q.scope === 'county') !== (q.value === ''))
    throw new HttpError(400, 'BAD_REQUEST', 'a town or group report needs ?value=, a county report none');
  return { scope: q.scope, value: q.value };
}

/**
 * Period reports (the monthly and weekly report as JSON, PDF and CSV, and the last 12 months
 * or weeks at a glance) for anyone signed in; report schedules, which hold email addresses,
 * for admins only.
 */
export function adminPeriodReportRoutes(app: FastifyInstance, ctx: HubContext): void {
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  app.get('/api/v1/admin/period-reports', async (request) => {
    await requireAdmin(ctx, request);
    const q = parseInput(ListQuerySchema, request.query);
    const scope = scopeOf(q);
    const periods = recentPeriods(q.kind, ctx.now(), 12);
    const rows = [];
    for (const period of periods) {
      const query = reportQuery(period, scope);
      const [overview, uptime, self] = await Promise.all([
        buildReport(ctx, 'overview', query),
        buildReport(ctx, 'uptime', query),
        selfTestByTown(ctx, period, scope),
      ]);
      const count = (metric: string) => Number(overview.rows.find((r) => r.metric === metric)?.count ?? 0);
      const online = uptime.rows.reduce(
        (n, r) => n + Math.min(Number(r.slotsOnline), Number(r.slotsPossible)),
        0,
      );
      const possible = uptime.rows.reduce((n, r) => n + Number(r.slotsPossible), 0);
      rows.push({
        period: period.key,
        from: period.from,
        to: period.to,
        stationsEnrolled: uptime.rows.length,
        stationsReporting: uptime.rows.filter((r) => Number(r.slotsOnline) > 0).length,
        uptimeShare: percent(online, possible),
        opens: count('article_open'),
        completions: count('article_complete'),
        quizzes: count('quiz_complete'),
        selftestShare: shareOf(self.total.share),
      });
    }
    return { kind: q.kind, scope, periods: rows };
  });

  app.get('/api/v1/admin/period-reports/:period', async (request, reply) => {
    await requireAdmin(ctx, request);
    const { period: key } = request.params as { period: string };
    const period = parsePeriod(key);
    if (!period)
      throw new HttpError(404, 'NOT_FOUND', 'a period is a month (2026-11) or an ISO week (2026-W47)');
    const q = parseInput(ReportQuerySchema, request.query);
    const scope = scopeOf(q);
    const report = await buildPeriodReport(ctx, period, scope);
    if (q.format === 'json') return report;
    if (q.format === 'csv') {
      const name = reportFileName(period, scope, 'csv', q.table);
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.type('text/csv; charset=utf-8').send(periodCsv(report, q.table));
    }
    let pdf: Buffer;
    try {
      pdf = await renderPeriodReportPdf(report, q.lang);
    } catch (error) {
      if (error instanceof ReportFontError) throw new HttpError(409, 'REPORT_FONT_MISSING', error.message);
      throw error;
    }
    const name = reportFileName(period, scope, 'pdf');
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    return reply.type('application/pdf').send(pdf);
  });

  app.get('/api/v1/admin/report-schedules', async (request) => {
    await requireAdmin(ctx, request, 'admin');
    const [schedules, runs] = await Promise.all([ctx.store.schedules.list(), ctx.store.schedules.runs(100)]);
    return { schedules, runs };
  });

  const save = async (id: string, body: unknown, adminId: string, createdAt: Date | null) => {
    const input = parseInput(ReportScheduleInputSchema, body);
    const schedule = {
      id,
      ...input,
      recipients: [...new Set(input.recipients)],
      createdAt: createdAt ?? ctx.now(),
    };
    await ctx.store.schedules.save(schedule);
    await audit(
      adminId,
      createdAt ? 'report.schedule.changed' : 'report.schedule.created',
      JSON.stringify(schedule),
    );
    return schedule;
  };
  app.post('/api/v1/admin/report-schedules', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    return save(randomUUID(), request.body, adminId, null);
  });
  app.put('/api/v1/admin/report-schedules/:id', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    const before = (await ctx.store.schedules.list()).find((s) => s.id === id);
    if (!before) throw new HttpError(404, 'NOT_FOUND', 'no such schedule');
    return save(id, request.body, adminId, before.createdAt);
  });
  app.delete('/api/v1/admin/report-schedules/:id', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    if (!(await ctx.store.schedules.delete(id))) throw new HttpError(404, 'NOT_FOUND', 'no such schedule');
    await audit(adminId, 'report.schedule.deleted', id);
    return reply.status(204).send();
  });
}
