import type {} from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { HeartbeatSchema } from '../../protocol/heartbeat.ts';
import type { RemoteConfig } from '../../protocol/remote-config.ts';
import { DEFAULT_STATION_CONFIG } from '../../protocol/station-config.ts';
import { TOPICS } from '../../protocol/topics.ts';
import { UsageBatchSchema } from '../../protocol/usage.ts';
import { normalizeCode, randomToken, sha256 } from '../auth/secrets.ts';
import { sendStoredBlob } from '../http/blob-response.ts';
import type { HubContext } from '../http/context.ts';
import { requireStation } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { stationNotices } from '../warnings/station-notices.ts';

const EnrollSchema = v.strictObject({
  code: v.pipe(v.string(), v.minLength(4), v.maxLength(40)),
  /** The kiosk's random id for this enrollment: sent again with a retry whose answer was lost. */
  attempt: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/))),
});
const DAY_MS = 86_400_000;
/** Oldest day a kiosk may still report (a kiosk offline for a year still loses nothing). */
const MAX_AGE_DAYS = 400;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Endpoints kiosks call: enrollment, content, usage, heartbeat, config. */
export function stationRoutes(app: FastifyInstance, ctx: HubContext): void {
  const perStation = { max: ctx.settings.stationRequestsPerMinute ?? 120, timeWindow: '1 minute' };

  app.post(
    '/api/v1/enroll',
    { config: { rateLimit: { max: ctx.settings.authAttemptsPerMinute ?? 10, timeWindow: '1 minute' } } },
    async (request) => {
      const { code, attempt } = parseInput(EnrollSchema, request.body);
      const token = randomToken();
      const station = await ctx.store.redeemEnrollmentCode(
        sha256(normalizeCode(code)),
        sha256(token),
        ctx.now(),
        attempt === undefined ? undefined : sha256(attempt),
      );
      if (!station) throw new HttpError(400, 'ENROLLMENT_INVALID', 'this code is unknown, used or expired');
      await ctx.store.audit({ adminId: null, action: 'station.enrolled', detail: station.id, at: ctx.now() });
      return { stationId: station.id, token, name: station.name, town: station.town, group: station.group };
    },
  );

  app.get('/api/v1/blobs/:sha256', async (request, reply) => {
    const { sha256: hash } = request.params as { sha256: string };
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new HttpError(400, 'BAD_REQUEST', 'not a sha256');
    const base = ctx.settings.blobBaseUrl;
    // A public or CDN address serves the blobs: kiosks fetch them there (the hash checks the bytes).
    if (base) return reply.header('cache-control', 'public, max-age=86400').redirect(`${base}/${hash}`, 302);
    const dir = ctx.blobs.dir;
    if (dir === undefined) return sendStoredBlob(ctx.blobs, hash, request, reply);
    if (!(await ctx.blobs.has(hash))) throw new HttpError(404, 'NOT_FOUND', 'no such blob');
    void reply.header('cache-control', 'public, max-age=31536000, immutable');
    // @fastify/static answers Range requests and sets the length and ETag.
    return reply.sendFile(hash, dir, { cacheControl: false, acceptRanges: true });
  });

  app.post('/api/v1/usage', { bodyLimit: 256 * 1024, config: { rateLimit: perStation } }, async (request) => {
    const station = await requireStation(ctx, request);
    const batch = parseInput(UsageBatchSchema, request.body);
    const now = ctx.now();
    const latest = isoDay(new Date(now.getTime() + DAY_MS));
    const earliest = isoDay(new Date(now.getTime() - MAX_AGE_DAYS * DAY_MS));
    const bad = batch.counters.find((c) => c.day > latest || c.day < earliest);
    if (bad) throw new HttpError(400, 'DAY_OUT_OF_RANGE', `day ${bad.day} is in the future or too old`);
    const status = await ctx.store.applyUsageBatch(station.id, batch.batchId, batch.counters, now);
    return { status };
  });

  app.post(
    '/api/v1/heartbeat',
    { bodyLimit: 16 * 1024, config: { rateLimit: perStation } },
    async (request, reply) => {
      const station = await requireStation(ctx, request);
      const heartbeat = parseInput(HeartbeatSchema, request.body);
      await ctx.store.recordHeartbeat(station.id, heartbeat, ctx.now());
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/station/config',
    { config: { rateLimit: perStation } },
    async (request): Promise<RemoteConfig> => {
      const station = await requireStation(ctx, request);
      const group = (await ctx.store.groupConfig(station.group)) ?? (await ctx.store.groupConfig('*'));
      const { notices, chime } = await stationNotices(ctx, station, ctx.now());
      return {
        stationName: station.name,
        idleSeconds: group?.idleSeconds ?? DEFAULT_STATION_CONFIG.idleSeconds,
        warningSeconds: group?.warningSeconds ?? DEFAULT_STATION_CONFIG.warningSeconds,
        defaultLocale: group?.defaultLocale ?? DEFAULT_STATION_CONFIG.defaultLocale,
        defaultTextSize: group?.defaultTextSize ?? DEFAULT_STATION_CONFIG.defaultTextSize,
        enabledTopics: (group?.enabledTopics ?? [...TOPICS]).filter((t): t is (typeof TOPICS)[number] =>
          (TOPICS as readonly string[]).includes(t),
        ),
        featured: group?.featured ?? [],
        notices,
        chime,
      };
    },
  );
}
