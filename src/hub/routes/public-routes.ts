import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ArticleDocSchema, articlePath } from '../../protocol/content-doc.ts';
import { isLocale } from '../../protocol/locales.ts';
import { findFile } from '../../protocol/pack-manifest.ts';
import { TutorialDocSchema, tutorialPath } from '../../protocol/tutorial-doc.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { OPENAPI } from '../openapi.ts';
import { PUBLIC_PAGE_CSS, renderArticlePage } from '../public-article.ts';
import { renderTutorialPage } from '../public-tutorial.ts';
import { releaseManifest } from '../release-manifest.ts';

/** Health, the API description, and the public article and lesson pages behind the kiosk's QR codes. */
export function publicRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/api/v1/health', async () => {
    const release = await ctx.store.activeRelease('*');
    return {
      status: 'ok',
      version: ctx.settings.version,
      storage: ctx.store.kind,
      packVersion: release?.version ?? null,
    };
  });

  // For load balancers and supervisors: 503 while the database or the blob store does not answer.
  app.get('/api/v1/health/ready', async () => {
    const failed: string[] = [];
    await Promise.all([
      ctx.store.activeRelease('*').catch(() => failed.push(`database (${ctx.store.kind})`)),
      ctx.blobs.check().catch(() => failed.push(`blob store (${ctx.blobs.kind})`)),
    ]);
    if (failed.length > 0) throw new HttpError(503, 'NOT_READY', `not answering: ${failed.join(', ')}`);
    return { status: 'ready', storage: ctx.store.kind, blobs: ctx.blobs.kind };
  });

  app.get('/api/v1/openapi.json', async () => OPENAPI);

  app.get('/a/page.css', async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PUBLIC_PAGE_CSS),
  );

  app.get('/a/tutorial/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { lang } = request.query as { lang?: string };
    if (!/^[a-z0-9-]{1,80}$/.test(id)) throw new HttpError(404, 'NOT_FOUND', 'no such lesson');
    const manifest = await activeManifest(ctx);
    const file = findFile(manifest, tutorialPath(id));
    if (!file) throw new HttpError(404, 'NOT_FOUND', 'no such lesson');
    const doc = v.parse(TutorialDocSchema, JSON.parse((await ctx.blobs.get(file.sha256)).toString('utf8')));
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(renderTutorialPage(doc, isLocale(lang) ? lang : 'zh-CN'));
  });

  app.get('/a/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { lang } = request.query as { lang?: string };
    if (!/^[a-z0-9-]{1,80}$/.test(id)) throw new HttpError(404, 'NOT_FOUND', 'no such article');
    const locale = isLocale(lang) ? lang : 'zh-CN';
    const release = await ctx.store.activeRelease('*');
    if (!release) throw new HttpError(404, 'NOT_FOUND', 'no content has been published yet');
    const { manifest } = releaseManifest(release.manifestJson);
    const file = findFile(manifest, articlePath(id, locale));
    if (!file) throw new HttpError(404, 'NOT_FOUND', 'no such article');
    const doc = v.parse(ArticleDocSchema, JSON.parse((await ctx.blobs.get(file.sha256)).toString('utf8')));
    const src = (path: string) => {
      const media = findFile(manifest, path);
      return media ? `/api/v1/blobs/${media.sha256}` : undefined;
    };
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(renderArticlePage(doc, src));
  });
}

/** The manifest of the release every kiosk group sees, or a 404 before anything is published. */
async function activeManifest(ctx: HubContext) {
  const release = await ctx.store.activeRelease('*');
  if (!release) throw new HttpError(404, 'NOT_FOUND', 'no content has been published yet');
  return releaseManifest(release.manifestJson).manifest;
}
