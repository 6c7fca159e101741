import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { CATALOG_PATH, CatalogSchema } from '../../protocol/content-doc.ts';
import { LOCALES } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { DEFAULT_STATION_CONFIG, StationConfigSchema, TEXT_SIZES } from '../../protocol/station-config.ts';
import { TOPICS } from '../../protocol/topics.ts';
import { requireAdmin } from '../auth/admin-auth.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { saveNotice } from '../notices.ts';
import { releaseManifest } from '../release-manifest.ts';
import type { GroupConfig, NoticeRecord } from '../storage/store.ts';
import { noticeReach } from '../warnings/reach.ts';
import { GroupName } from './admin-content-routes.ts';

const MAX_NOTICE_DAYS = 30;
const Text = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'fill in every language'), v.maxLength(max));
const Localized = (max: number) => v.strictObject({ 'zh-CN': Text(max), vi: Text(max), en: Text(max) });
const Timestamp = v.pipe(v.string(), v.isoTimestamp());

const NoticeInputSchema = v.strictObject({
  severity: v.picklist(['extreme', 'severe', 'moderate', 'minor']),
  urgency: v.picklist(['immediate', 'expected', 'future']),
  headline: Localized(120),
  instruction: Localized(600),
  groups: v.pipe(v.array(GroupName), v.minLength(1, 'choose at least one group'), v.maxLength(50)),
  onset: v.optional(Timestamp),
  expires: Timestamp,
});

const GroupConfigSchema = v.strictObject({
  idleSeconds: StationConfigSchema.entries.idleSeconds,
  warningSeconds: StationConfigSchema.entries.warningSeconds,
  defaultLocale: v.picklist(LOCALES),
  defaultTextSize: v.picklist(TEXT_SIZES),
  enabledTopics: v.pipe(v.array(v.picklist(TOPICS)), v.minLength(1, 'enable at least one topic')),
  featured: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,80}$/))), v.maxLength(20)),
});

/** The config a group's kiosks get when nobody has set one (what GET /station/config falls back to). */
export const DEFAULT_GROUP_CONFIG: GroupConfig = {
  idleSeconds: DEFAULT_STATION_CONFIG.idleSeconds,
  warningSeconds: DEFAULT_STATION_CONFIG.warningSeconds,
  defaultLocale: DEFAULT_STATION_CONFIG.defaultLocale,
  defaultTextSize: DEFAULT_STATION_CONFIG.defaultTextSize,
  enabledTopics: [...TOPICS],
  featured: [],
};

/** A notice's state at `now`. */
export function noticeState(
  record: NoticeRecord,
  now: Date,
): 'scheduled' | 'active' | 'expired' | 'cancelled' {
  if (record.cancelledAt && record.cancelledAt <= now) return 'cancelled';
  if (Date.parse(record.notice.expires) <= now.getTime()) return 'expired';
  return Date.parse(record.notice.onset) > now.getTime() ? 'scheduled' : 'active';
}

/** Emergency notices (compose, list, cancel) and per-group station settings. */
export function adminNoticeRoutes(app: FastifyInstance, ctx: HubContext): void {
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  // With where each live notice that came by itself is shown and where it waits for approval.
  app.get('/api/v1/admin/notices', async (request) => {
    await requireAdmin(ctx, request);
    const now = ctx.now();
    const [notices, stations, own, places] = await Promise.all([
      ctx.store.warnings.listScopedNotices(200),
      ctx.store.listStations(),
      ctx.store.warnings.listAlertSettings(),
      ctx.store.warnings.stationPlaces(),
    ]);
    const settings = new Map(own.map((s) => [s.group, s.settings]));
    return notices.map(({ scope, ...record }) => {
      const state = noticeState(record, now);
      const live = state === 'active' || state === 'scheduled';
      return {
        ...record,
        state,
        origin: scope?.origin ?? 'console',
        source: scope?.originRef ?? null,
        approvedAt: scope?.approvedAt ?? null,
        reach: scope && live ? noticeReach({ ...record, scope }, stations, settings, places) : null,
      };
    });
  });

  app.post('/api/v1/admin/notices', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const input = parseInput(NoticeInputSchema, request.body);
    const now = ctx.now();
    const onset = input.onset ? new Date(input.onset) : now;
    const expires = new Date(input.expires);
    if (expires.getTime() <= Math.max(now.getTime(), onset.getTime())) {
      throw new HttpError(400, 'BODY_INVALID', 'expires: must be after the onset and in the future');
    }
    if (expires.getTime() - onset.getTime() > MAX_NOTICE_DAYS * 86_400_000) {
      throw new HttpError(400, 'BODY_INVALID', `expires: a notice may last at most ${MAX_NOTICE_DAYS} days`);
    }
    const notice: Notice = {
      id: `n-${randomUUID()}`,
      severity: input.severity,
      urgency: input.urgency,
      headline: input.headline,
      instruction: input.instruction,
      onset: onset.toISOString(),
      expires: expires.toISOString(),
    };
    await saveNotice(ctx, { notice, groups: input.groups, scope: null, replace: false });
    await audit(adminId, 'notice.sent', `${notice.id} ${input.groups.join(',')} ${notice.headline['zh-CN']}`);
    return reply.status(201).send({ notice, groups: [...new Set(input.groups)].sort() });
  });

  app.post('/api/v1/admin/notices/:id/cancel', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const { id } = request.params as { id: string };
    if (!(await ctx.store.cancelNotice(id, ctx.now())))
      throw new HttpError(404, 'NOT_FOUND', 'no such notice');
    await audit(adminId, 'notice.cancelled', id);
    return { cancelled: id };
  });

  app.get('/api/v1/admin/groups', async (request) => {
    await requireAdmin(ctx, request);
    const stations = await ctx.store.listStations();
    const configs = new Map((await ctx.store.listGroupConfigs()).map((g) => [g.group, g.config]));
    const names = new Set(['*', ...stations.map((s) => s.group), ...configs.keys()]);
    const all = configs.get('*') ?? DEFAULT_GROUP_CONFIG;
    return [...names].sort().map((group) => ({
      group,
      stations: stations.filter((s) => (group === '*' || s.group === group) && !s.revokedAt).length,
      config: configs.get(group) ?? null,
      effective: configs.get(group) ?? all,
    }));
  });

  app.put('/api/v1/admin/groups/:group/config', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const group = parseInput(GroupName, (request.params as { group: string }).group);
    const config = parseInput(GroupConfigSchema, request.body);
    const unknown = await unknownArticles(group, config.featured);
    if (unknown.length > 0) {
      throw new HttpError(
        400,
        'BODY_INVALID',
        `featured: no article ${unknown.join(', ')} in the live content`,
      );
    }
    await ctx.store.setGroupConfig(group, config);
    await audit(adminId, 'group.config', `${group} ${JSON.stringify(config)}`);
    return { group, config };
  });

  /** Featured ids that the group's live release does not have. */
  async function unknownArticles(group: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const release = await ctx.store.activeRelease(group);
    if (!release) return [...ids];
    const { manifest } = releaseManifest(release.manifestJson);
    const file = manifest.files.find((f) => f.path === CATALOG_PATH);
    if (!file) return [...ids];
    const catalog = v.parse(CatalogSchema, JSON.parse((await ctx.blobs.get(file.sha256)).toString('utf8')));
    const known = new Set(catalog.articles.map((a) => a.id));
    return ids.filter((id) => !known.has(id));
  }
}
