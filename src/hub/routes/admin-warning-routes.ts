import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../auth/admin-auth.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { type IngestResult, ingestCapBytes } from '../warnings/ingest.ts';
import { pollFeed } from '../warnings/poller.ts';
import { effectiveSettings, noticeReach, reachText, stationPlace } from '../warnings/reach.ts';
import {
  AlertSettingsSchema,
  CAP_BODY_LIMIT,
  FeedPatchSchema,
  NewFeedSchema,
  StationPlaceSchema,
  XML_TYPES,
} from '../warnings/schemas.ts';
import { GroupName } from './admin-content-routes.ts';
import { noticeState } from './admin-notice-routes.ts';

/** A refused CAP document as an HTTP answer: 422 with the code, the reason and the line. */
export function refusal(result: IngestResult): HttpError {
  return new HttpError(422, 'CAP_INVALID', result.detail, {
    reason: result.code ?? 'CAP_INVALID',
    ...(result.line ? { line: result.line } : {}),
  });
}

/**
 * Warnings that arrive by themselves, in the console: CAP uploads, the CAP messages seen, the
 * polled feeds, each group's alert policy and place, stations' places, and approving notices
 * that wait under a group's policy.
 */
export function adminWarningRoutes(app: FastifyInstance, ctx: HubContext): void {
  const ws = ctx.store.warnings;
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });
  app.addContentTypeParser(
    XML_TYPES,
    { parseAs: 'buffer', bodyLimit: CAP_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/v1/admin/cap',
    {
      bodyLimit: CAP_BODY_LIMIT,
      onRequest: async (request) => void (await requireAdmin(ctx, request, 'editor')),
    },
    async (request) => {
      const { adminId, admin } = await requireAdmin(ctx, request, 'editor');
      if (!Buffer.isBuffer(request.body)) {
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `send the CAP document as ${XML_TYPES.join(' or ')}`,
        );
      }
      const result = await ingestCapBytes(ctx, request.body, {
        source: `upload:${adminId}`,
        adminId,
        label: `upload by ${admin.username}`,
      });
      if (result.outcome === 'refused') throw refusal(result);
      return result;
    },
  );

  app.get('/api/v1/admin/cap/messages', async (request) => {
    await requireAdmin(ctx, request);
    return ws.listCapMessages(200);
  });

  app.get('/api/v1/admin/cap/feeds', async (request) => {
    await requireAdmin(ctx, request);
    return ws.listFeeds();
  });

  app.post('/api/v1/admin/cap/feeds', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const input = parseInput(NewFeedSchema, request.body);
    if ((await ws.listFeeds()).some((f) => f.url === input.url)) {
      throw new HttpError(409, 'CONFLICT', 'a feed with this address exists already');
    }
    const feed = await ws.addFeed(input);
    await audit(adminId, 'cap.feed.added', `${feed.id} ${feed.name} ${feed.url}`);
    return reply.status(201).send(feed);
  });

  app.put('/api/v1/admin/cap/feeds/:id', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    const patch = parseInput(FeedPatchSchema, request.body);
    if (patch.url && (await ws.listFeeds()).some((f) => f.url === patch.url && f.id !== id)) {
      throw new HttpError(409, 'CONFLICT', 'a feed with this address exists already');
    }
    const feed = await ws.updateFeed(id, patch);
    if (!feed) throw new HttpError(404, 'NOT_FOUND', 'no such feed');
    await audit(adminId, 'cap.feed.changed', `${id} ${JSON.stringify(patch)}`);
    return feed;
  });

  app.delete('/api/v1/admin/cap/feeds/:id', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    if (!(await ws.deleteFeed(id))) throw new HttpError(404, 'NOT_FOUND', 'no such feed');
    await audit(adminId, 'cap.feed.removed', id);
    return { removed: id };
  });

  // Polls one feed now and says what it found (the poller would have, at its next turn).
  app.post('/api/v1/admin/cap/feeds/:id/poll', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const { id } = request.params as { id: string };
    const feed = await ws.getFeed(id);
    if (!feed) throw new HttpError(404, 'NOT_FOUND', 'no such feed');
    await audit(adminId, 'cap.feed.polled', `${feed.id} ${feed.name}`);
    return pollFeed(ctx, feed);
  });

  app.get('/api/v1/admin/alert-settings', async (request) => {
    await requireAdmin(ctx, request);
    const [stations, own, places] = await Promise.all([
      ctx.store.listStations(),
      ws.listAlertSettings(),
      ws.stationPlaces(),
    ]);
    const settings = new Map(own.map((s) => [s.group, s.settings]));
    const groups = new Set(['*', ...stations.map((s) => s.group), ...settings.keys()]);
    return {
      groups: [...groups].sort().map((group) => ({
        group,
        stations: stations.filter((s) => !s.revokedAt && (group === '*' || s.group === group)).length,
        settings: settings.get(group) ?? null,
        effective: effectiveSettings(group, settings),
      })),
      stations: stations
        .filter((s) => !s.revokedAt)
        .map((s) => ({
          id: s.id,
          name: s.name,
          town: s.town,
          group: s.group,
          place: places.get(s.id) ?? null,
          effective: stationPlace(s, effectiveSettings(s.group, settings), places.get(s.id)),
        })),
    };
  });

  app.put('/api/v1/admin/groups/:group/alert-settings', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const group = parseInput(GroupName, (request.params as { group: string }).group);
    const settings = parseInput(AlertSettingsSchema, request.body);
    await ws.setAlertSettings(group, settings);
    await audit(adminId, 'group.alerts', `${group} ${JSON.stringify(settings)}`);
    return { group, settings };
  });

  app.put('/api/v1/admin/stations/:id/place', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    const { place } = parseInput(StationPlaceSchema, request.body);
    if (!(await ws.setStationPlace(id, place))) throw new HttpError(404, 'NOT_FOUND', 'no such station');
    await audit(adminId, 'station.place', `${id} ${JSON.stringify(place)}`);
    return { id, place };
  });

  app.post('/api/v1/admin/notices/:id/approve', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const { id } = request.params as { id: string };
    const scoped = await ws.scopedNotice(id);
    if (!scoped?.scope) throw new HttpError(404, 'NOT_FOUND', 'no such notice from a feed or partner');
    const state = noticeState(scoped, ctx.now());
    if (state === 'cancelled' || state === 'expired') {
      throw new HttpError(
        409,
        'CONFLICT',
        `this notice has ${state === 'cancelled' ? 'been cancelled' : 'expired'}`,
      );
    }
    await ws.approveNotice(id, adminId, ctx.now());
    const approved = (await ws.scopedNotice(id)) ?? scoped;
    const [stations, own, places] = await Promise.all([
      ctx.store.listStations(),
      ws.listAlertSettings(),
      ws.stationPlaces(),
    ]);
    const reach = noticeReach(approved, stations, new Map(own.map((s) => [s.group, s.settings])), places);
    await audit(adminId, 'notice.approved', `${id} · ${reachText(reach)}`);
    return { approved: id, reach };
  });
}
