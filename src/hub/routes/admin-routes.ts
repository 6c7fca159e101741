import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { SELFTEST_DRAW, SELFTEST_LEVELS, SELFTEST_WEIGHTS } from '../../protocol/selftest.ts';
import { METRICS, type Metric } from '../../protocol/usage.ts';
import { endSession, requireAdmin, startSession } from '../auth/admin-auth.ts';
import { enrollmentCode, normalizeCode, sha256, verifyPassword } from '../auth/secrets.ts';
import { toCsv } from '../csv.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import {
  loadSelfTestReport,
  SELFTEST_NOTE,
  selfTestCsvColumns,
  selfTestCsvRows,
} from '../selftest-report.ts';
import type { Station, UsageQuery, UsageRow } from '../storage/store.ts';

const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
const CODE_VALID_HOURS = 72;
/** A station is online if heard from within this many minutes, late within a day, else silent. */
export const ONLINE_MINUTES = 15;
export const LATE_HOURS = 24;

const LoginSchema = v.strictObject({
  username: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
});
const Text = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60));
const NewStationSchema = v.strictObject({ name: Text, town: Text, group: v.pipe(Text, v.regex(/^[^*]+$/)) });
const Day = v.pipe(v.string(), v.isoDate());
const DIMENSIONS = ['day', 'metric', 'key', 'station', 'town', 'group'] as const;
const UsageQuerySchema = v.object({
  from: Day,
  to: Day,
  by: v.optional(v.string(), 'metric,key'),
  metric: v.optional(v.string()),
  station: v.optional(v.string()),
  town: v.optional(v.string()),
  group: v.optional(v.string()),
  format: v.optional(v.picklist(['json', 'csv']), 'json'),
});

const SelfTestQuerySchema = v.object({
  from: Day,
  to: Day,
  by: v.optional(v.picklist(['station', 'town']), 'station'),
  format: v.optional(v.picklist(['json', 'csv']), 'json'),
});

/** A station's state for the fleet view. */
export function stationState(station: Station, now: Date): 'online' | 'late' | 'silent' | 'revoked' {
  if (station.revokedAt) return 'revoked';
  const seen = station.lastSeenAt?.getTime();
  if (seen === undefined) return 'silent';
  const age = now.getTime() - seen;
  if (age <= ONLINE_MINUTES * 60_000) return 'online';
  return age <= LATE_HOURS * 3_600_000 ? 'late' : 'silent';
}

function parseUsageQuery(raw: unknown): UsageQuery & { format: 'json' | 'csv' } {
  const q = parseInput(UsageQuerySchema, raw);
  if (q.from > q.to) throw new HttpError(400, 'BAD_REQUEST', 'from is after to');
  const by = q.by.split(',').filter(Boolean);
  const bad = by.find((d) => !(DIMENSIONS as readonly string[]).includes(d));
  if (bad) throw new HttpError(400, 'BAD_REQUEST', `cannot group by ${bad}`);
  const metrics = q.metric?.split(',').filter(Boolean);
  // Own keys only: `in` would also take `toString` or `__proto__` for metrics.
  const unknown = metrics?.find((m) => !Object.hasOwn(METRICS, m));
  if (unknown) throw new HttpError(400, 'BAD_REQUEST', `unknown metric ${unknown}`);
  return {
    from: q.from,
    to: q.to,
    by: by as UsageQuery['by'],
    format: q.format,
    ...(metrics ? { metrics: metrics as Metric[] } : {}),
    ...(q.station ? { stationId: q.station } : {}),
    ...(q.town ? { town: q.town } : {}),
    ...(q.group ? { group: q.group } : {}),
  };
}

/** Administrators' API: sign-in, stations and enrollment, fleet health, usage figures. */
export function adminRoutes(app: FastifyInstance, ctx: HubContext): void {
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  app.post(
    '/api/v1/admin/login',
    { config: { rateLimit: { max: ctx.settings.authAttemptsPerMinute ?? 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { username, password } = parseInput(LoginSchema, request.body);
      const now = ctx.now();
      const lockedUntil = (until: Date) =>
        new HttpError(429, 'RATE_LIMITED', `account locked until ${until.toISOString()}`);
      // The attempt is counted before the password is checked, in one statement every hub
      // process shares: attempts sent at once cannot all slip in before the lock.
      const reserved = await ctx.store.limits.reserveLoginAttempt(username, now);
      if (reserved?.lockedUntil && reserved.lockedUntil > now) throw lockedUntil(reserved.lockedUntil);
      if (reserved && reserved.attempts > LOCK_AFTER_FAILURES) {
        const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
        await ctx.store.lockAdmin(username, until);
        throw lockedUntil(until);
      }
      const admin = reserved ? await ctx.store.adminByUsername(username) : null;
      if (!admin || !(await verifyPassword(password, admin.passwordHash))) {
        if (admin && reserved && reserved.attempts >= LOCK_AFTER_FAILURES) {
          await ctx.store.lockAdmin(username, new Date(now.getTime() + LOCK_MINUTES * 60_000));
        }
        throw new HttpError(401, 'UNAUTHORIZED', 'wrong username or password');
      }
      if (admin.disabled) {
        throw new HttpError(403, 'ACCOUNT_DISABLED', 'this account is disabled; ask an administrator');
      }
      await ctx.store.resetLoginFailures(username);
      const csrfToken = await startSession(ctx, reply, admin);
      await audit(admin.id, 'admin.login', username);
      return { username: admin.username, role: admin.role, csrfToken };
    },
  );

  app.post('/api/v1/admin/logout', async (request, reply) => {
    const session = await requireAdmin(ctx, request);
    await endSession(ctx, request, reply);
    await audit(session.adminId, 'admin.logout', session.admin.username);
    return reply.status(204).send();
  });

  app.get('/api/v1/admin/me', async (request) => {
    const { admin, csrfToken } = await requireAdmin(ctx, request);
    return { username: admin.username, role: admin.role, csrfToken };
  });

  app.get('/api/v1/admin/stations', async (request, reply) => {
    await requireAdmin(ctx, request);
    const now = ctx.now();
    const stations = (await ctx.store.listStations()).map((s) => ({ ...s, state: stationState(s, now) }));
    if ((request.query as { format?: string }).format !== 'csv') return stations;
    const rows = stations.map((s) => ({
      id: s.id,
      name: s.name,
      town: s.town,
      group: s.group,
      state: s.state,
      lastSeenAt: s.lastSeenAt,
      appVersion: s.lastHeartbeat?.appVersion,
      packVersion: s.lastHeartbeat?.packVersion,
      lastUpdate: s.lastHeartbeat?.lastUpdate?.result,
      errors: s.lastHeartbeat?.errors.join(' '),
      storageUsed: s.lastHeartbeat?.storage?.used,
      storageQuota: s.lastHeartbeat?.storage?.quota,
      queue: s.lastHeartbeat?.queue,
    }));
    const columns = Object.keys(rows[0] ?? { id: '' }) as Array<keyof (typeof rows)[number]>;
    void reply.header('content-disposition', 'attachment; filename="stations.csv"');
    return reply.type('text/csv; charset=utf-8').send(`\ufeff${toCsv(rows, columns)}`);
  });

  app.get('/api/v1/admin/stations/:id', async (request) => {
    await requireAdmin(ctx, request);
    const { id } = request.params as { id: string };
    const station = await ctx.store.getStation(id);
    if (!station) throw new HttpError(404, 'NOT_FOUND', 'no such station');
    return { ...station, state: stationState(station, ctx.now()) };
  });

  app.post('/api/v1/admin/stations', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const station = await ctx.store.createStation(parseInput(NewStationSchema, request.body), ctx.now());
    const code = await newCode(station.id);
    await audit(adminId, 'station.created', `${station.id} ${station.name}`);
    return { station, enrollmentCode: code };
  });

  async function newCode(stationId: string): Promise<string> {
    const code = enrollmentCode();
    const expires = new Date(ctx.now().getTime() + CODE_VALID_HOURS * 3_600_000);
    await ctx.store.addEnrollmentCode(stationId, sha256(normalizeCode(code)), expires);
    return code;
  }

  app.post('/api/v1/admin/stations/:id/enrollment-code', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    const station = await ctx.store.getStation(id);
    if (!station || station.revokedAt) throw new HttpError(404, 'NOT_FOUND', 'no such active station');
    const code = await newCode(id);
    await audit(adminId, 'station.code', id);
    return { enrollmentCode: code, validHours: CODE_VALID_HOURS };
  });

  app.post('/api/v1/admin/stations/:id/revoke', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    if (!(await ctx.store.revokeStation(id, ctx.now())))
      throw new HttpError(404, 'NOT_FOUND', 'no such station');
    await audit(adminId, 'station.revoked', id);
    return { revoked: id };
  });

  app.get('/api/v1/admin/stations/:id/heartbeats', async (request) => {
    await requireAdmin(ctx, request);
    const { id } = request.params as { id: string };
    if (!(await ctx.store.getStation(id))) throw new HttpError(404, 'NOT_FOUND', 'no such station');
    return ctx.store.heartbeatHistory(id, 200);
  });

  app.get('/api/v1/admin/usage', async (request, reply) => {
    await requireAdmin(ctx, request);
    const query = parseUsageQuery(request.query);
    const rows = await ctx.store.usageTotals(query);
    if (query.format === 'json') return { query, rows };
    const columns = [...query.by.map((d) => (d === 'station' ? 'stationId' : d)), 'count'] as Array<
      keyof UsageRow & string
    >;
    void reply.header('content-disposition', `attachment; filename="usage-${query.from}-${query.to}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(`\ufeff${toCsv(rows, columns)}`);
  });

  // The self-test indicator per station or town: completed self-tests, their levels, those at 70+.
  app.get('/api/v1/admin/selftest', async (request, reply) => {
    await requireAdmin(ctx, request);
    const q = parseInput(SelfTestQuerySchema, request.query);
    if (q.from > q.to) throw new HttpError(400, 'BAD_REQUEST', 'from is after to');
    const query = { from: q.from, to: q.to, by: q.by };
    const report = await loadSelfTestReport(ctx.store, query);
    if (q.format === 'json') {
      const design = { weights: SELFTEST_WEIGHTS, questions: SELFTEST_DRAW, levels: SELFTEST_LEVELS };
      return { query, note: SELFTEST_NOTE, design, ...report };
    }
    void reply.header('content-disposition', `attachment; filename="selftest-${q.from}-${q.to}.csv"`);
    const csv = toCsv(selfTestCsvRows(report.rows), selfTestCsvColumns(q.by));
    return reply.type('text/csv; charset=utf-8').send(`\ufeff${csv}`);
  });

  app.get('/api/v1/admin/audit', async (request) => {
    await requireAdmin(ctx, request, 'admin');
    const names = new Map((await ctx.store.listAdmins()).map((a) => [a.id, a.username]));
    return (await ctx.store.auditLog(500)).map((e) => ({
      ...e,
      username: e.adminId ? (names.get(e.adminId) ?? null) : null,
    }));
  });
}
