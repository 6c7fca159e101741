import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { LOCALES } from '../../protocol/locales.ts';
import { CERTAINTIES, NOTICE_STATUSES, type Notice, SEVERITIES, URGENCIES } from '../../protocol/notice.ts';
import { requireAdmin } from '../auth/admin-auth.ts';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { saveNotice } from '../notices.ts';
import { PARTNER_SCOPES, type PartnerKey, type PartnerScope } from '../storage/partner-store.ts';
import type { NoticeScope } from '../storage/warning-store.ts';
import { ingestCapBytes } from '../warnings/ingest.ts';
import { CAP_BODY_LIMIT, XML_TYPES } from '../warnings/schemas.ts';
import { GroupName } from './admin-content-routes.ts';
import { noticeState } from './admin-notice-routes.ts';
import { refusal } from './admin-warning-routes.ts';

const MAX_NOTICE_DAYS = 30;
const KEY_PATTERN = /^Bearer (kpk_[A-Za-z0-9_-]{43})$/;
const Groups = v.pipe(v.array(GroupName), v.minLength(1, 'choose at least one group'), v.maxLength(50));
const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const SomeLanguages = (max: number) =>
  v.pipe(
    v.strictObject({ 'zh-CN': v.optional(Text(max)), vi: v.optional(Text(max)), en: v.optional(Text(max)) }),
    v.check((t) => LOCALES.some((l) => t[l] !== undefined), 'give the text in at least one of zh-CN, vi, en'),
  );
const Timestamp = v.pipe(v.string(), v.isoTimestamp());

const NewKeySchema = v.strictObject({
  name: Text(80),
  groups: Groups,
  scopes: v.pipe(
    v.array(v.picklist(PARTNER_SCOPES)),
    v.minLength(1, 'choose what the key may do'),
    v.maxLength(2),
  ),
});

/** A notice as a partner system sends it: CAP's fields, in the languages it has. */
const PartnerNoticeSchema = v.strictObject({
  severity: v.picklist(SEVERITIES),
  urgency: v.picklist(URGENCIES),
  certainty: v.optional(v.picklist(CERTAINTIES)),
  status: v.optional(v.picklist(NOTICE_STATUSES)),
  headline: SomeLanguages(200),
  description: v.optional(SomeLanguages(2000)),
  instruction: v.optional(SomeLanguages(1000)),
  area: v.optional(SomeLanguages(400)),
  sender: v.optional(SomeLanguages(200)),
  groups: Groups,
  onset: v.optional(Timestamp),
  expires: Timestamp,
});
type PartnerNotice = v.InferOutput<typeof PartnerNoticeSchema>;

declare module 'fastify' {
  interface FastifyRequest {
    /** What a partner call did, for its audit entry. */
    partnerNote?: string;
  }
}

/** Partner systems: API keys in the console, and the API they call (notices, CAP documents). */
export function partnerRoutes(app: FastifyInstance, ctx: HubContext): void {
  adminKeyRoutes(app, ctx);
  partnerApi(app, ctx);
}

function adminKeyRoutes(app: FastifyInstance, ctx: HubContext): void {
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  app.get('/api/v1/admin/partner-keys', async (request) => {
    await requireAdmin(ctx, request, 'admin');
    return ctx.store.partners.listKeys();
  });

  // The secret is shown once, in this answer; only its hash is kept.
  app.post('/api/v1/admin/partner-keys', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const input = parseInput(NewKeySchema, request.body);
    const secret = `kpk_${randomToken()}`;
    const key = await ctx.store.partners.createKey({
      name: input.name,
      hash: sha256(secret),
      prefix: secret.slice(0, 12),
      groups: [...new Set(input.groups)].sort(),
      scopes: [...new Set(input.scopes)].sort(),
      createdBy: adminId,
      createdAt: ctx.now(),
    });
    await audit(
      adminId,
      'partner.key.created',
      `${key.id} ${key.name} groups=${key.groups.join(',')} scopes=${key.scopes.join(',')}`,
    );
    return reply.status(201).send({ key, secret });
  });

  app.post('/api/v1/admin/partner-keys/:id/revoke', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    if (!(await ctx.store.partners.revokeKey(id, ctx.now())))
      throw new HttpError(404, 'NOT_FOUND', 'no such key');
    await audit(adminId, 'partner.key.revoked', id);
    return { revoked: id };
  });
}

/** The partner key a request carries; 401 without one, or for an unknown or revoked key. */
async function requirePartner(ctx: HubContext, request: FastifyRequest): Promise<PartnerKey> {
  const match = KEY_PATTERN.exec(request.headers.authorization ?? '');
  if (!match?.[1])
    throw new HttpError(401, 'UNAUTHORIZED', 'a partner API key is required (Authorization: Bearer kpk_…)');
  const key = await ctx.store.partners.keyByHash(sha256(match[1]));
  if (!key) throw new HttpError(401, 'UNAUTHORIZED', 'unknown API key');
  if (key.revokedAt) throw new HttpError(401, 'TOKEN_REVOKED', 'this API key has been revoked');
  return key;
}

function partnerApi(app: FastifyInstance, ctx: HubContext): void {
  const limit = {
    config: { rateLimit: { max: ctx.settings.partnerRequestsPerMinute ?? 60, timeWindow: '1 minute' } },
  };

  /**
   * A partner endpoint: the key is checked, then the call runs and is audited whatever its
   * outcome (before the answer leaves, so the log is never behind). Calls without a valid key
   * are refused and logged by the server, not audited (anyone could fill the log with them).
   */
  const route =
    (
      scope: PartnerScope,
      handler: (key: PartnerKey, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const key = await requirePartner(ctx, request);
      let status = 500;
      try {
        if (!key.scopes.includes(scope)) {
          throw new HttpError(
            403,
            'FORBIDDEN',
            scope === 'cap' ? 'this key may not send CAP documents' : 'this key may not manage notices',
          );
        }
        const result = await handler(key, request, reply);
        status = reply.statusCode;
        return result;
      } catch (error) {
        status = error instanceof HttpError ? error.status : 500;
        throw error;
      } finally {
        const path = request.routeOptions.url ?? request.url.split('?')[0];
        const note = request.partnerNote ? ` · ${request.partnerNote}` : '';
        await ctx.store.audit({
          adminId: null,
          action: 'partner.call',
          detail: `key ${key.name} (${key.id}) ${request.method} ${path} → ${status}${note}`.slice(0, 2000),
          at: ctx.now(),
        });
        await ctx.store.partners.touchKey(key.id, ctx.now());
      }
    };

  /** Checks a partner's notice against its key and the clock; the notice to store. */
  const build = (key: PartnerKey, input: PartnerNotice, id: string, revision: number): Notice => {
    const outside = input.groups.filter((g) => !key.groups.includes('*') && !key.groups.includes(g));
    if (outside.length > 0)
      throw new HttpError(403, 'FORBIDDEN', `this key may not send to ${outside.join(', ')}`);
    const now = ctx.now();
    const onset = input.onset ? new Date(input.onset) : now;
    const expires = new Date(input.expires);
    if (expires.getTime() <= Math.max(now.getTime(), onset.getTime())) {
      throw new HttpError(400, 'BODY_INVALID', 'expires: must be after the onset and in the future');
    }
    if (expires.getTime() - onset.getTime() > MAX_NOTICE_DAYS * 86_400_000) {
      throw new HttpError(400, 'BODY_INVALID', `expires: a notice may last at most ${MAX_NOTICE_DAYS} days`);
    }
    const { groups: _groups, onset: _onset, expires: _expires, ...content } = input;
    return {
      ...content,
      id,
      status: input.status ?? 'actual',
      onset: onset.toISOString(),
      expires: expires.toISOString(),
      revision,
    };
  };
  const scopeOf = (key: PartnerKey): NoticeScope => ({
    origin: 'partner',
    originRef: key.id,
    area: null,
    approvedAt: null,
    approvedBy: null,
  });
  /** A notice this key made, still live, or 404 (another key's notices are not even named). */
  const own = async (key: PartnerKey, id: string) => {
    const found = await ctx.store.warnings.scopedNotice(id);
    if (found?.scope?.origin !== 'partner' || found.scope.originRef !== key.id) {
      throw new HttpError(404, 'NOT_FOUND', 'no such notice of this key');
    }
    return found;
  };

  app.get(
    '/api/v1/partner/notices',
    limit,
    route('notices', async (key) => {
      const now = ctx.now();
      return (await ctx.store.warnings.listScopedNotices(500))
        .filter((n) => n.scope?.origin === 'partner' && n.scope.originRef === key.id)
        .slice(0, 100)
        .map(({ scope, ...n }) => ({
          ...n,
          state: noticeState(n, now),
          approvedAt: scope?.approvedAt ?? null,
        }));
    }),
  );

  app.post(
    '/api/v1/partner/notices',
    limit,
    route('notices', async (key, request, reply) => {
      const input = parseInput(PartnerNoticeSchema, request.body);
      const notice = build(key, input, `p-${randomUUID()}`, 1);
      const groups = [...new Set(input.groups)].sort();
      await saveNotice(ctx, { notice, groups, scope: scopeOf(key), replace: false });
      request.partnerNote = `created ${notice.id} ${notice.severity} for ${groups.join(',')}`;
      return reply.status(201).send({ notice, groups });
    }),
  );

  app.put(
    '/api/v1/partner/notices/:id',
    limit,
    route('notices', async (key, request) => {
      const { id } = request.params as { id: string };
      const input = parseInput(PartnerNoticeSchema, request.body);
      const found = await own(key, id);
      const state = noticeState(found, ctx.now());
      if (state === 'cancelled' || state === 'expired')
        throw new HttpError(409, 'CONFLICT', `this notice is ${state}`);
      const notice = build(key, input, id, (found.notice.revision ?? 1) + 1);
      const groups = [...new Set(input.groups)].sort();
      await saveNotice(ctx, { notice, groups, scope: scopeOf(key), replace: true });
      request.partnerNote = `updated ${id} to revision ${notice.revision}`;
      return { notice, groups };
    }),
  );

  app.post(
    '/api/v1/partner/notices/:id/cancel',
    limit,
    route('notices', async (key, request) => {
      const { id } = request.params as { id: string };
      await own(key, id);
      await ctx.store.warnings.cancelNotices([id], ctx.now());
      request.partnerNote = `cancelled ${id}`;
      return { cancelled: id };
    }),
  );

  app.post(
    '/api/v1/partner/cap',
    { ...limit, bodyLimit: CAP_BODY_LIMIT },
    route('cap', async (key, request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `send the CAP document as ${XML_TYPES.join(' or ')}`,
        );
      }
      const result = await ingestCapBytes(ctx, request.body, {
        source: `partner:${key.id}`,
        adminId: null,
        label: `partner key ${key.name}`,
        groups: key.groups,
      });
      request.partnerNote = `CAP ${result.identifier ?? '?'}: ${result.outcome}`;
      if (result.outcome === 'refused') throw refusal(result);
      return result;
    }),
  );
}
