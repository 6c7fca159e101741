import type { HubContext } from '../http/context.ts';
import { mailerFor, storedSmtp } from '../mail.ts';
import { createSecretBox } from '../secret-box.ts';
import type { Delivery, RecipientRecord } from '../storage/alert-store.ts';
import { postWebhook } from '../webhook.ts';
import { type AlertMessage, alertMessage } from './messages.ts';

const MINUTE = 60_000;
/** Waits before each retry; after the last, a message counts as failed (about a day in all). */
const RETRY_MS = [1, 5, 15, 60, 180, 360, 720].map((m) => m * MINUTE);
/** How long a process may take to send one message before another may try it. */
const SENDING_MS = 5 * MINUTE;
const BATCH = 50;

/** Sends one message to one recipient: email through the mail server, or JSON to a webhook. */
export async function sendTo(
  ctx: HubContext,
  recipient: RecipientRecord,
  message: AlertMessage,
): Promise<void> {
  const box = createSecretBox(ctx.key);
  if (recipient.channel === 'email') {
    const mailer = await mailerFor(ctx.store.settings, box);
    await mailer.send({ to: [recipient.address], subject: message.subject, text: message.text });
  } else {
    await postWebhook(recipient.address, message.payload, {
      secret: recipient.sealedSecret ? box.open(recipient.sealedSecret) : null,
      event: message.payload.type,
    });
  }
}

/**
 * Sends the alert messages that are due: each is taken for a few minutes (so two processes
 * never send it both), sent, and marked sent; a failure is tried again later with growing
 * waits, then marked failed with its reason, which the console shows.
 */
export async function deliverAlerts(ctx: HubContext): Promise<{ sent: number; failed: number }> {
  const { alerts } = ctx.store;
  const now = ctx.now();
  const due = await alerts.dueDeliveries(now, BATCH);
  if (due.length === 0) return { sent: 0, failed: 0 };
  const [events, recipients, stations, smtp] = await Promise.all([
    alerts.eventsById([...new Set(due.map((d) => d.eventId))]),
    alerts.listRecipients(),
    ctx.store.listStations(),
    storedSmtp(ctx.store.settings),
  ]);
  const eventById = new Map(events.map((e) => [e.id, e]));
  const recipientById = new Map(recipients.map((r) => [r.id, r]));
  const stationById = new Map(stations.map((s) => [s.id, s]));
  let sent = 0;
  let failed = 0;
  for (const d of due) {
    if (!(await alerts.claimDelivery(d.id, d.nextAt, new Date(now.getTime() + SENDING_MS)))) continue;
    const attempts = d.attempts + 1;
    const finish = (outcome: Pick<Delivery, 'status' | 'nextAt' | 'sentAt' | 'error'>) =>
      alerts.finishDelivery(d.id, { ...outcome, attempts });
    const event = eventById.get(d.eventId);
    const recipient = d.recipientId ? recipientById.get(d.recipientId) : undefined;
    const station = event ? stationById.get(event.stationId) : undefined;
    if (!event || !recipient || !station) {
      await finish({ status: 'failed', nextAt: now, sentAt: null, error: 'RECIPIENT_REMOVED' });
      failed++;
      continue;
    }
    try {
      await sendTo(ctx, recipient, alertMessage(event, station, recipient.locale, smtp?.consoleUrl ?? ''));
      // A sent message keeps the reason its last try failed, if one did (the console shows both).
      await finish({ status: 'sent', nextAt: now, sentAt: ctx.now(), error: d.error });
      sent++;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      const wait = RETRY_MS[attempts - 1];
      if (wait === undefined) failed++;
      await finish({
        status: wait === undefined ? 'failed' : 'pending',
        nextAt: new Date(now.getTime() + (wait ?? 0)),
        sentAt: null,
        error: reason,
      });
    }
  }
  return { sent, failed };
}
