import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { HubContext } from '../http/context.ts';
import { optionalStation } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { contentBytes, legacyBytes } from '../trust/hub-trust.ts';

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
  const activeRelease = async (group: string) => {
    const release = await ctx.store.activeRelease(group);
    if (!release) throw new HttpError(404, 'NOT_FOUND', 'no content has been published yet');
    return release;
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
    const json = await ctx.trust.timestampFor(await activeRelease(group));
    return reply.type('application/json').header('cache-control', 'no-store').send(json);
  });

  app.get('/api/v1/packs/:version/manifest', async (request, reply) => {
    const { version } = parseInput(VersionParam, request.params);
    const release = (await ctx.store.listReleases()).find((r) => r.version === version);
    if (!release) throw new HttpError(404, 'NOT_FOUND', `there is no pack ${version}`);
    return reply
      .type('application/json')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(contentBytes(release));
  });

  // Kiosks running an app from before roots verify this with their one built-in key, until the
  // new app (which walks the chain from root 1) takes over at their next idle screen.
  app.get('/api/v1/packs/current/manifest', { config: { rateLimit: perStation } }, async (request, reply) => {
    const release = await activeRelease(await groupOf(request));
    const bytes = legacyBytes(release);
    if (!bytes)
      throw new HttpError(404, 'NOT_FOUND', 'this release has no signature an older kiosk can check');
    const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('application/json').send(bytes);
  });
}
