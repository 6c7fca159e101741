import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { HubContext } from '../http/context.ts';
import { optionalStation } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import type { Release } from '../storage/store.ts';
import { contentBytes, legacyBytes } from '../trust/hub-trust.ts';

/** How many releases' served bytes a hub process keeps. */
const SERVED_VERSIONS = 8;

/** What is served for one release: the manifest as kiosks verify it, and the legacy envelope. */
interface Served {
  release: Release;
  content: Buffer;
  legacy: { bytes: Buffer; etag: string } | null;
}

const VersionParam = v.strictObject({
  version: v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,15}$/), v.transform(Number)),
});

/**
 * What kiosks read to trust an update (public, like blobs): the root chain by version, the
 * current timestamp of the station's group, and a release's manifest by version (the one the
 * timestamp pins), plus the legacy manifest for kiosks running an app from before roots.
 */
export function trustRoutes(app: FastifyInstance, ctx: HubContext): void {
  const perStation = { max: ctx.settings.stationRequestsPerMinute ?? 120, timeWindow: '1 minute' };

  const groupOf = async (request: Parameters<typeof optionalStation>[1]) => {
    const station = await optionalStation(ctx, request);
    const query = request.query as { group?: unknown };
    return station?.group ?? (typeof query.group === 'string' ? query.group : '*');
  };
  // A release's manifest never changes once published (only which groups run it), so what is
  // served for it is worked out once per version and process. A kiosk's poll then costs one
  // small query (the group's version) instead of reading and re-encoding the whole manifest:
  // the province benchmark (tests/bench/province.ts) spent a fifth of a hub's time on that.
  const served = new Map<number, Served>();
  const servedFor = async (version: number): Promise<Served | null> => {
    const known = served.get(version);
    if (known) return known;
    const release = await ctx.store.releaseByVersion(version);
    if (!release) return null;
    const legacy = legacyBytes(release);
    const entry: Served = {
      release,
      content: contentBytes(release),
      legacy: legacy && {
        bytes: legacy,
        etag: `"${createHash('sha256').update(legacy).digest('hex').slice(0, 32)}"`,
      },
    };
    served.set(version, entry);
    // A few versions at most are live at once (one per group, and the one before).
    for (const old of served.keys()) if (served.size > SERVED_VERSIONS) served.delete(old);
    return entry;
  };
  const activeRelease = async (group: string): Promise<Served> => {
    const version = await ctx.store.activeReleaseVersion(group);
    const entry = version === null ? null : await servedFor(version);
    if (!entry) throw new HttpError(404, 'NOT_FOUND', 'no content has been published yet');
    return entry;
  };

  app.get('/api/v1/trust/root/:version', async (request, reply) => {
    const { version } = parseInput(VersionParam, request.params);
    const text = await ctx.trust.rootText(version);
    // A 404 tells a kiosk walking the chain that it has the newest root.
    if (text === null) throw new HttpError(404, 'NOT_FOUND', `there is no root ${version}`);
    return reply
      .type('application/json')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(text);
  });

  app.get('/api/v1/trust/timestamp', { config: { rateLimit: perStation } }, async (request, reply) => {
    const group = await groupOf(request);
    const json = await ctx.trust.timestampFor((await activeRelease(group)).release);
    return reply.type('application/json').header('cache-control', 'no-store').send(json);
  });

  app.get('/api/v1/packs/:version/manifest', async (request, reply) => {
    const { version } = parseInput(VersionParam, request.params);
    const entry = await servedFor(version);
    if (!entry) throw new HttpError(404, 'NOT_FOUND', `there is no pack ${version}`);
    return reply
      .type('application/json')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(entry.content);
  });

  // Kiosks running an app from before roots verify this with their one built-in key, until the
  // new app (which walks the chain from root 1) takes over at their next idle screen.
  app.get('/api/v1/packs/current/manifest', { config: { rateLimit: perStation } }, async (request, reply) => {
    const { legacy } = await activeRelease(await groupOf(request));
    if (!legacy)
      throw new HttpError(404, 'NOT_FOUND', 'this release has no signature an older kiosk can check');
    void reply.header('etag', legacy.etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === legacy.etag) return reply.status(304).send();
    return reply.type('application/json').send(legacy.bytes);
  });
}
