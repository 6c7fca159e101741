import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { TOPICS } from '../../protocol/topics.ts';
import { requireAdmin } from '../auth/admin-auth.ts';
import { toCsv } from '../csv.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { buildReport, REPORTS } from '../reports.ts';

const Day = v.pipe(v.string(), v.isoDate());
const Filter = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(80)));
const ReportQuerySchema = v.strictObject({
  from: Day,
  to: Day,
  station: Filter,
  town: Filter,
  group: Filter,
  topic: v.optional(v.picklist(TOPICS)),
  format: v.optional(v.picklist(['json', 'csv']), 'json'),
});
const MAX_DAYS = 800;

/** Dashboards: every table as JSON and as CSV with the same numbers. */
export function adminReportRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/api/v1/admin/reports', async (request) => {
    await requireAdmin(ctx, request);
    return { reports: REPORTS };
  });

  app.get('/api/v1/admin/reports/:name', async (request, reply) => {
    await requireAdmin(ctx, request);
    const { name } = request.params as { name: string };
    const report = REPORTS.find((r) => r === name);
    if (!report) throw new HttpError(404, 'NOT_FOUND', `no report ${name}; see /api/v1/admin/reports`);
    const q = parseInput(ReportQuerySchema, request.query);
    if (q.from > q.to) throw new HttpError(400, 'BAD_REQUEST', 'from is after to');
    if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS) {
      throw new HttpError(400, 'BAD_REQUEST', `a range of at most ${MAX_DAYS} days`);
    }
    const query = {
      from: q.from,
      to: q.to,
      ...(q.station ? { stationId: q.station } : {}),
      ...(q.town ? { town: q.town } : {}),
      ...(q.group ? { group: q.group } : {}),
      ...(q.topic ? { topic: q.topic } : {}),
    };
    const table = await buildReport(ctx, report, query);
    if (q.format === 'json') return { report, query, ...table };
    void reply.header('content-disposition', `attachment; filename="${report}-${q.from}-${q.to}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(`\ufeff${toCsv(table.rows, table.columns)}`);
  });
}
