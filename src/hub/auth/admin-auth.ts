import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HubContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import type { Admin, AdminRole } from '../storage/store.ts';
import { randomToken, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'kepu_session';
const SESSION_HOURS = 12;
const RANK: Record<AdminRole, number> = { viewer: 0, editor: 1, admin: 2 };

/** Starts a session: a random id in an HttpOnly, SameSite=Strict cookie; only its hash is stored. */
export async function startSession(ctx: HubContext, reply: FastifyReply, admin: Admin): Promise<string> {
  const id = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(ctx.now().getTime() + SESSION_HOURS * 3_600_000);
  await ctx.store.createSession({ idHash: sha256(id), adminId: admin.id, csrfToken, expiresAt });
  void reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.settings.secureCookies,
    expires: expiresAt,
  });
  return csrfToken;
}

/** Ends the request's session, if any, and clears the cookie. */
export async function endSession(
  ctx: HubContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const id = request.cookies[SESSION_COOKIE];
  if (id) await ctx.store.deleteSession(sha256(id));
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

// Browsers say where a request comes from; a cross-site request never reaches admin actions.
function assertSameSite(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new HttpError(403, 'FORBIDDEN', 'cross-site requests are refused');
  }
  const origin = request.headers.origin;
  if (origin === undefined || origin === '') return;
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  // 'null' (an opaque origin) and anything that is not a URL come from no site of ours.
  if (originHost(origin) !== host) throw new HttpError(403, 'FORBIDDEN', 'cross-site requests are refused');
}

/** The host of an Origin header, or null when it is not a URL. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * The signed-in administrator, with at least `role`: 401 without a live session, 403 for a
 * lower role, and for changes also a same-site origin and the session's CSRF token.
 */
export async function requireAdmin(ctx: HubContext, request: FastifyRequest, role: AdminRole = 'viewer') {
  const id = request.cookies[SESSION_COOKIE];
  const session = id ? await ctx.store.sessionByIdHash(sha256(id), ctx.now()) : null;
  if (!session) throw new HttpError(401, 'UNAUTHORIZED', 'please sign in');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    assertSameSite(request);
    if (request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new HttpError(403, 'FORBIDDEN', 'missing or wrong CSRF token');
    }
  }
  if (RANK[session.admin.role] < RANK[role]) {
    throw new HttpError(403, 'FORBIDDEN', `this needs the ${role} role`);
  }
  return session;
}
