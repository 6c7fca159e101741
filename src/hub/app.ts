import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { HubContext } from './http/context.ts';
import { HttpError, installErrorHandler } from './http/errors.ts';
import { sharedRateLimitStore } from './http/shared-rate-limit.ts';
import { adminAccountRoutes } from './routes/admin-account-routes.ts';
import { adminAlertRoutes } from './routes/admin-alert-routes.ts';
import { adminContentRoutes } from './routes/admin-content-routes.ts';
import { adminNoticeRoutes } from './routes/admin-notice-routes.ts';
import { adminPeriodReportRoutes } from './routes/admin-period-report-routes.ts';
import { adminReportRoutes } from './routes/admin-report-routes.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { adminTrustRoutes } from './routes/admin-trust-routes.ts';
import { adminWarningRoutes } from './routes/admin-warning-routes.ts';
import { partnerRoutes } from './routes/partner-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { stationRoutes } from './routes/station-routes.ts';
import { trustRoutes } from './routes/trust-routes.ts';

/** The Content-Security-Policy of every page: no inline script or style, nothing from elsewhere. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'blob:', 'data:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

/** The CSP with a blob base address's origin allowed where kiosks and pages load blobs from. */
export function cspDirectives(blobBaseUrl?: string): typeof CSP_DIRECTIVES {
  if (!blobBaseUrl) return CSP_DIRECTIVES;
  const origin = new URL(blobBaseUrl).origin;
  return {
    ...CSP_DIRECTIVES,
    imgSrc: [...CSP_DIRECTIVES.imgSrc, origin],
    mediaSrc: [...CSP_DIRECTIVES.mediaSrc, origin],
    connectSrc: [...CSP_DIRECTIVES.connectSrc, origin],
  };
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

// Blobs and hashed assets never change; files that keep their name must be revalidated.
function cacheHeaders(path: string, blobDir: string | undefined): string {
  return (blobDir !== undefined && path.startsWith(blobDir)) || /[/\\]assets[/\\]/.test(path)
    ? IMMUTABLE
    : 'no-cache';
}

/** Builds the hub: API, kiosk and public pages on one server. Call `listen()` on the result. */
export async function buildHub(
  ctx: HubContext,
  options: FastifyServerOptions = {},
  onRoute?: (route: { method: string; url: string }) => void,
): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Refusals Fastify makes before routing (a bad %-escape, an over-long path parameter) are
    // ApiErrors like every other, not Fastify's own {error, code, message}.
    frameworkErrors: (error, _request, reply: FastifyReply) =>
      void reply.status(400).send({ code: 'BAD_REQUEST', message: error.message }),
    ...options,
  });
  if (onRoute) {
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) onRoute({ method, url: r.url });
    });
  }
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // Counted in the database: every hub process on it shares one limit.
    store: sharedRateLimitStore(ctx.store.limits, ctx.now),
    keyGenerator: (request) => request.headers.authorization?.slice(-16) ?? request.ip,
  });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: cspDirectives(ctx.settings.blobBaseUrl) },
    crossOriginEmbedderPolicy: false,
    // Same-origin only: the hub sends no CORS headers, so other sites cannot read its API.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    strictTransportSecurity: ctx.settings.secureCookies,
  });

  const webDir = ctx.settings.webDir;
  await app.register(fastifyStatic, {
    root: existsSync(webDir) || ctx.blobs.dir === undefined ? webDir : ctx.blobs.dir,
    serve: existsSync(webDir),
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header('cache-control', cacheHeaders(path, ctx.blobs.dir)),
  });

  stationRoutes(app, ctx);
  trustRoutes(app, ctx);
  adminRoutes(app, ctx);
  adminContentRoutes(app, ctx);
  adminNoticeRoutes(app, ctx);
  adminAccountRoutes(app, ctx);
  adminReportRoutes(app, ctx);
  adminAlertRoutes(app, ctx);
  adminPeriodReportRoutes(app, ctx);
  adminTrustRoutes(app, ctx);
  adminWarningRoutes(app, ctx);
  partnerRoutes(app, ctx);
  publicRoutes(app, ctx);

  // The administrators' console: one page, its addresses are client-side routes.
  const adminPage = (_request: unknown, reply: FastifyReply) => {
    if (!existsSync(join(webDir, 'admin.html')))
      throw new HttpError(404, 'NOT_FOUND', 'the console is not built');
    return reply.header('cache-control', 'no-cache').sendFile('admin.html', webDir);
  };
  app.get('/admin', adminPage);
  app.get('/admin/*', adminPage);

  // Kiosk routes are client-side: any other page address opens the kiosk shell.
  app.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    const isPage =
      request.method === 'GET' && accept.includes('text/html') && !request.url.startsWith('/api/');
    if (isPage && existsSync(join(webDir, 'index.html'))) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
    }
    throw new HttpError(404, 'NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`);
  });
  return app;
}
