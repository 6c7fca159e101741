import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import {
  AlertRuleInputSchema,
  type Recipient,
  RecipientInputSchema,
  SmtpInputSchema,
} from '../../protocol/alerts.ts';
import { sendTo } from '../alerts/delivery.ts';
import { testMessage } from '../alerts/messages.ts';
import { requireAdmin } from '../auth/admin-auth.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { SMTP_SETTING, smtpView, storedSmtp } from '../mail.ts';
import { createSecretBox, SecretBoxError } from '../secret-box.ts';
import type { RecipientRecord } from '../storage/alert-store.ts';
import { StoreError } from '../storage/errors.ts';

const HistoryQuerySchema = v.object({
  station: v.optional(v.pipe(v.string(), v.maxLength(80))),
  before: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(500)),
    '200',
  ),
});

/** A recipient as the console may see it: never the webhook secret. */
function recipientView(r: RecipientRecord): Recipient {
  const { sealedSecret, ...rest } = r;
  return { ...rest, secretSet: sealedSecret !== null };
}

/**
 * Alerts in the console: what is wrong now and what happened (any signed-in person); the rules
 * (read by all, changed by admins); recipients and the mail server (admins only: they hold
 * addresses and secrets; passwords and webhook secrets are write-only).
 */
export function adminAlertRoutes(app: FastifyInstance, ctx: HubContext): void {
  const box = createSecretBox(ctx.key);
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  app.get('/api/v1/admin/alerts', async (request) => {
    await requireAdmin(ctx, request);
    const q = parseInput(HistoryQuerySchema, request.query);
    const [states, events, stations] = await Promise.all([
      ctx.store.alerts.states(),
      ctx.store.alerts.events({
        limit: q.limit,
        ...(q.station ? { stationId: q.station } : {}),
        ...(q.before ? { before: new Date(q.before) } : {}),
      }),
      ctx.store.listStations(),
    ]);
    const names = new Map(stations.map((s) => [s.id, { name: s.name, town: s.town, group: s.group }]));
    const deliveries = await ctx.store.alerts.deliveriesOf(events.map((e) => e.id));
    return {
      open: states
        .filter((s) => s.state !== 'ok' && (!q.station || s.stationId === q.station))
        .map((s) => ({ ...s, station: names.get(s.stationId) ?? null })),
      events: events.map((e) => ({
        ...e,
        station: names.get(e.stationId) ?? null,
        deliveries: deliveries
          .filter((d) => d.eventId === e.id)
          .map(({ id, channel, address, status, attempts, sentAt, error }) => ({
            id,
            channel,
            address,
            status,
            attempts,
            sentAt,
            error,
          })),
      })),
    };
  });

  app.get('/api/v1/admin/alerts/rules', async (request) => {
    await requireAdmin(ctx, request);
    return ctx.store.alerts.listRules();
  });

  const saveRule = async (id: string, body: unknown, adminId: string, created: boolean) => {
    const input = parseInput(AlertRuleInputSchema, body);
    const rule = { id, ...input };
    try {
      await ctx.store.alerts.saveRule(rule);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'CONFLICT')
        throw new HttpError(409, 'CONFLICT', `group ${input.group} already has a ${input.kind} rule`);
      throw error;
    }
    await audit(adminId, created ? 'alert.rule.created' : 'alert.rule.changed', JSON.stringify(rule));
    return rule;
  };
  app.post('/api/v1/admin/alerts/rules', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    return saveRule(randomUUID(), request.body, adminId, true);
  });
  app.put('/api/v1/admin/alerts/rules/:id', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    if (!(await ctx.store.alerts.listRules()).some((r) => r.id === id))
      throw new HttpError(404, 'NOT_FOUND', 'no such rule');
    return saveRule(id, request.body, adminId, false);
  });
  app.delete('/api/v1/admin/alerts/rules/:id', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    if (!(await ctx.store.alerts.deleteRule(id))) throw new HttpError(404, 'NOT_FOUND', 'no such rule');
    await audit(adminId, 'alert.rule.deleted', id);
    return reply.status(204).send();
  });

  app.get('/api/v1/admin/alerts/recipients', async (request) => {
    await requireAdmin(ctx, request, 'admin');
    return (await ctx.store.alerts.listRecipients()).map(recipientView);
  });

  const saveRecipient = async (
    id: string,
    body: unknown,
    adminId: string,
    before: RecipientRecord | null,
  ) => {
    const input = parseInput(RecipientInputSchema, body);
    const { secret, ...fields } =
      input.channel === 'webhook' ? input : { ...input, secret: null as string | null | undefined };
    const sealedSecret =
      input.channel !== 'webhook'
        ? null
        : secret === undefined
          ? before?.channel === 'webhook'
            ? before.sealedSecret
            : null
          : secret === null
            ? null
            : box.seal(secret);
    const record: RecipientRecord = { ...fields, id, groups: [...new Set(fields.groups)], sealedSecret };
    await ctx.store.alerts.saveRecipient(record);
    await audit(
      adminId,
      before ? 'alert.recipient.changed' : 'alert.recipient.created',
      `${id} ${record.channel} ${record.address}`,
    );
    return recipientView(record);
  };
  app.post('/api/v1/admin/alerts/recipients', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    return saveRecipient(randomUUID(), request.body, adminId, null);
  });
  const recipientById = async (id: string) => {
    const found = (await ctx.store.alerts.listRecipients()).find((r) => r.id === id);
    if (!found) throw new HttpError(404, 'NOT_FOUND', 'no such recipient');
    return found;
  };
  app.put('/api/v1/admin/alerts/recipients/:id', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    return saveRecipient(id, request.body, adminId, await recipientById(id));
  });
  app.delete('/api/v1/admin/alerts/recipients/:id', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    if (!(await ctx.store.alerts.deleteRecipient(id)))
      throw new HttpError(404, 'NOT_FOUND', 'no such recipient');
    await audit(adminId, 'alert.recipient.deleted', id);
    return reply.status(204).send();
  });
  // Sends a test message now and says how it went (a refusal by the far end is not the hub's error).
  app.post('/api/v1/admin/alerts/recipients/:id/test', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const { id } = request.params as { id: string };
    const recipient = await recipientById(id);
    await audit(adminId, 'alert.recipient.tested', id);
    try {
      await sendTo(ctx, recipient, testMessage(recipient.locale));
      return { ok: true, error: null };
    } catch (error) {
      return { ok: false, error: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
    }
  });

  app.get('/api/v1/admin/alerts/smtp', async (request) => {
    await requireAdmin(ctx, request, 'admin');
    return { smtp: smtpView(await storedSmtp(ctx.store.settings)) };
  });
  app.put('/api/v1/admin/alerts/smtp', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const input = parseInput(SmtpInputSchema, request.body);
    const before = await storedSmtp(ctx.store.settings);
    const { password, ...rest } = input;
    const sealedPassword =
      password === undefined
        ? (before?.sealedPassword ?? null)
        : password === null
          ? null
          : box.seal(password);
    if (sealedPassword && password === undefined) {
      // Keeping a password sealed under another key would only fail later: say so now.
      try {
        box.open(sealedPassword);
      } catch (error) {
        if (error instanceof SecretBoxError) throw new HttpError(409, 'SECRET_UNREADABLE', error.message);
        throw error;
      }
    }
    const stored = { ...rest, consoleUrl: rest.consoleUrl ?? '', sealedPassword };
    await ctx.store.settings.set(SMTP_SETTING, stored);
    await audit(
      adminId,
      'alert.smtp.changed',
      `${rest.host}:${rest.port} ${rest.security} from ${rest.from}`,
    );
    return { smtp: smtpView(stored) };
  });
}
