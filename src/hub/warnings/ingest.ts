import { randomUUID } from 'node:crypto';
import { LOCALES } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { type CapAlert, CapError, capFromElement, parseCap } from '../cap/cap.ts';
import { alertToNotice } from '../cap/to-notice.ts';
import type { XmlElement } from '../cap/xml.ts';
import type { HubContext } from '../http/context.ts';
import { saveNotice } from '../notices.ts';
import type { CapMessage, CapOutcome, NoticeScope, ScopedNotice } from '../storage/warning-store.ts';
import { noticeReach, reachText } from './reach.ts';

/** Where a CAP message came from: recorded with it and named in the audit log. */
export interface CapSource {
  /** `feed:<id>`, `upload:<admin id>` or `partner:<key id>`. */
  source: string;
  /** The administrator who sent it, if one did. */
  adminId: string | null;
  /** For people: "feed 县预警平台", "upload by admin", "partner key 广播系统". */
  label: string;
  /**
   * A partner key's groups: its alerts go only to these, and its Updates and Cancels touch
   * only notices it made itself.
   */
  groups?: readonly string[];
}

/** What one CAP message did. `duplicate`: seen before, nothing changed. */
export interface IngestResult {
  outcome: CapOutcome | 'duplicate';
  noticeId: string | null;
  detail: string;
  /** For a refusal: the error code (CAP_INVALID, XML_DTD_REFUSED, …) and line. */
  code?: string;
  line?: number;
  sender?: string;
  identifier?: string;
}

/** Ingests a CAP document's bytes (an upload, a partner's POST, a linked feed entry). */
export async function ingestCapBytes(
  ctx: HubContext,
  bytes: Uint8Array,
  from: CapSource,
): Promise<IngestResult> {
  return ingest(ctx, () => parseCap(bytes), from);
}

/** Ingests a CAP `<alert>` embedded in a feed. */
export async function ingestCapElement(
  ctx: HubContext,
  element: XmlElement,
  from: CapSource,
): Promise<IngestResult> {
  return ingest(ctx, () => capFromElement(element), from);
}

async function ingest(ctx: HubContext, parse: () => CapAlert, from: CapSource): Promise<IngestResult> {
  let alert: CapAlert;
  try {
    alert = parse();
  } catch (error) {
    if (error instanceof CapError) return refused(ctx, error, from);
    throw error;
  }
  return applyAlert(ctx, alert, from);
}

/**
 * A refusal: answered and audited, never recorded as seen, so a corrected message sent again
 * with the same identifier is taken (feeds do not repeat it: their entries are remembered).
 */
async function refused(ctx: HubContext, error: CapError, from: CapSource): Promise<IngestResult> {
  const detail = `${error.code}: ${error.message} (line ${error.line})`;
  const who = error.id ? `${error.id.sender} ${error.id.identifier}: ` : '';
  await audit(ctx, from, 'cap.refused', `${who}${detail}`);
  return { outcome: 'refused', noticeId: null, detail, code: error.code, line: error.line, ...error.id };
}

/** Alert, Update or Cancel: creates, replaces or ends notices; records the message; audits. */
async function applyAlert(ctx: HubContext, alert: CapAlert, from: CapSource): Promise<IngestResult> {
  const ws = ctx.store.warnings;
  const now = ctx.now();
  const id = { sender: alert.sender, identifier: alert.identifier };
  const duplicate: IngestResult = { outcome: 'duplicate', noticeId: null, detail: 'seen before', ...id };
  const seen = await ws.capMessage(alert.sender, alert.identifier);
  if (seen) return { ...duplicate, noticeId: seen.noticeId };
  const base = {
    ...id,
    sent: alert.sent,
    msgType: alert.msgType,
    status: alert.status,
    source: from.source,
    receivedAt: now,
  };
  const finish = async (outcome: CapOutcome, detail: string, noticeId: string | null, audited: string) => {
    await audit(ctx, from, `cap.${outcome}`, `${alert.sender} ${alert.identifier}: ${audited}`);
    return { outcome, noticeId, detail, ...id };
  };
  const ignore = async (detail: string) => {
    const fresh = await ws.recordCapMessages([{ ...base, outcome: 'ignored', detail, noticeId: null }]);
    return fresh === 0 ? duplicate : finish('ignored', detail, null, detail);
  };
  const refuse = async (code: string, detail: string): Promise<IngestResult> => ({
    ...(await finish('refused', detail, null, detail)),
    code,
  });

  if (alert.status === 'System' || alert.status === 'Draft')
    return ignore(`status ${alert.status}: not for residents`);
  if (alert.scope !== 'Public') return ignore(`scope ${alert.scope}: not for the public`);
  if (alert.msgType === 'Ack' || alert.msgType === 'Error')
    return ignore(`msgType ${alert.msgType}: nothing to show`);

  // The notices of the messages it names; names never seen are recorded so that, should they
  // arrive later, they are known as already replaced or cancelled.
  const named = await Promise.all(alert.references.map((r) => ws.capMessage(r.sender, r.identifier)));
  let targets = [...new Set(named.map((m) => m?.noticeId).filter((n): n is string => Boolean(n)))];
  if (from.groups) {
    const own = await Promise.all(targets.map((t) => ws.scopedNotice(t)));
    targets = targets.filter((_t, i) => own[i]?.scope?.originRef === from.source);
  }
  const tombstones = (outcome: CapOutcome, noticeId: string | null): CapMessage[] =>
    alert.references
      .filter((_r, i) => !named[i])
      .map((r) => ({
        ...base,
        sender: r.sender,
        identifier: r.identifier,
        sent: Number.isNaN(Date.parse(r.sent)) ? alert.sent : new Date(r.sent),
        msgType: '?',
        outcome,
        detail: `named by ${alert.identifier} (${alert.msgType}) before it arrived`,
        noticeId,
      }));
  const cancel = async (detail: string) => {
    const message: CapMessage = { ...base, outcome: 'cancelled', detail, noticeId: targets[0] ?? null };
    const done = await ws.cancelNotices(targets, now, [message, ...tombstones('cancelled', null)]);
    return done === 'duplicate' ? duplicate : finish('cancelled', detail, targets[0] ?? null, detail);
  };

  if (alert.msgType === 'Cancel') {
    return cancel(targets.length > 0 ? `cancelled ${targets.join(', ')}` : 'nothing known to cancel');
  }
  const content = alertToNotice(alert);
  if (!content) {
    const languages = alert.info.map((i) => i.language).join(', ');
    return refuse('CAP_NO_LANGUAGE', `no info block in Chinese, Vietnamese or English (${languages})`);
  }
  if (Date.parse(content.notice.expires) <= now.getTime()) {
    // An Update that has already expired ends what it updates.
    if (alert.msgType === 'Update' && targets.length > 0)
      return cancel(`expired update: ended ${targets.join(', ')}`);
    return refuse('CAP_EXPIRED', `expired at ${content.notice.expires}`);
  }
  const area = content.area.length > 0 ? content.area : null;
  const scope: NoticeScope = {
    origin: 'cap',
    originRef: from.source,
    area,
    approvedAt: null,
    approvedBy: null,
  };
  const target = alert.msgType === 'Update' ? targets[0] : undefined;
  const previous = target ? await ws.scopedNotice(target) : null;
  const noticeId = previous ? previous.notice.id : `c-${randomUUID()}`;
  const notice: Notice = { ...content.notice, id: noticeId, revision: (previous?.notice.revision ?? 0) + 1 };
  // An update keeps the warning on screen: it never starts later than what it replaces.
  if (previous && Date.parse(previous.notice.onset) < Date.parse(notice.onset))
    notice.onset = previous.notice.onset;
  const outcome: CapOutcome = previous ? 'updated' : 'created';
  const languages = LOCALES.filter((l) => notice.headline[l]).join(', ');
  const dropped =
    content.otherLanguages.length > 0 ? `; not shown: ${content.otherLanguages.join(', ')}` : '';
  const detail = `${notice.severity}, ${languages}${dropped}`;
  const saved = await saveNotice(ctx, {
    notice,
    groups: previous ? [] : (from.groups ?? ['*']),
    scope,
    replace: previous !== null,
    messages: [{ ...base, outcome, detail, noticeId }, ...tombstones('superseded', noticeId)],
  });
  if (saved !== 'saved') return duplicate;
  const groups = previous?.groups ?? [...(from.groups ?? ['*'])];
  const reach = await reachOf(ctx, { notice, groups, cancelledAt: null, scope });
  const headline = notice.headline['zh-CN'] ?? Object.values(notice.headline)[0] ?? '';
  return finish(outcome, detail, noticeId, `${noticeId} ${detail} «${headline}» · ${reach}`);
}

/** A notice's reach now, in words for the audit log. */
export async function reachOf(ctx: HubContext, scoped: ScopedNotice): Promise<string> {
  const [stations, settings, places] = await Promise.all([
    ctx.store.listStations(),
    ctx.store.warnings.listAlertSettings(),
    ctx.store.warnings.stationPlaces(),
  ]);
  const map = new Map(settings.map((s) => [s.group, s.settings]));
  return reachText(noticeReach(scoped, stations, map, places));
}

function audit(ctx: HubContext, from: CapSource, action: string, detail: string): Promise<void> {
  return ctx.store.audit({
    adminId: from.adminId,
    action,
    detail: `${from.label} · ${detail}`.slice(0, 2000),
    at: ctx.now(),
  });
}
