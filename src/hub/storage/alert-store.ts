import type { AlertDetail, AlertEventType, AlertKind, AlertRule, Recipient } from '../../protocol/alerts.ts';
import { StoreError } from './errors.ts';
import { fromJson, type Row, toDate, toDateOrNull, toInt } from './mappers.ts';
import { type SqlPort, toFlag } from './sql-port.ts';

/** A recipient as stored: the webhook secret sealed (see secret-box.ts), never in clear. */
export interface RecipientRecord extends Omit<Recipient, 'secretSet'> {
  sealedSecret: string | null;
}

/** One alert's state: per kind, station and subject (a notice id, or empty). */
export interface AlertState {
  id: string;
  kind: AlertKind;
  stationId: string;
  subject: string;
  state: 'pending' | 'firing' | 'ok';
  /** When it became pending or firing (or ok). */
  since: Date;
  /** The last message about it (first message or reminder). */
  notifiedAt: Date | null;
  version: number;
  detail: AlertDetail;
  updatedAt: Date;
}

/** Something that happened to an alert, for its history. */
export interface AlertEvent {
  id: string;
  alertId: string;
  type: AlertEventType;
  at: Date;
  kind: AlertKind;
  stationId: string;
  detail: AlertDetail;
}

/** A message about an event to one recipient. */
export interface Delivery {
  id: string;
  eventId: string;
  recipientId: string | null;
  channel: 'email' | 'webhook';
  address: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAt: Date;
  sentAt: Date | null;
  error: string | null;
}

/** A change of an alert's state, with the event and messages it causes (all or nothing). */
export interface AlertTransition {
  /** The new state; its version is the previous one plus one (1 for a new alert). */
  next: AlertState;
  event?: Omit<AlertEvent, 'alertId' | 'kind' | 'stationId'>;
  deliveries?: Array<Pick<Delivery, 'id' | 'recipientId' | 'channel' | 'address'>>;
}

/** Alert rules, recipients, states, history and the delivery queue. */
export interface AlertStore {
  listRules(): Promise<AlertRule[]>;
  /** Adds or replaces a rule by id; CONFLICT when its group already has a rule of that kind. */
  saveRule(rule: AlertRule): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  listRecipients(): Promise<RecipientRecord[]>;
  saveRecipient(recipient: RecipientRecord): Promise<void>;
  deleteRecipient(id: string): Promise<boolean>;
  /** Every alert's state (ok ones too: they remember when they last ended). */
  states(): Promise<AlertState[]>;
  /**
   * Applies a transition if the alert is still at the version it was read at (a new alert: not
   * there yet). False when another process changed it first; then nothing was written.
   */
  transition(t: AlertTransition): Promise<boolean>;
  /** The newest events first; `before` pages back. */
  events(query: { limit: number; stationId?: string; before?: Date }): Promise<AlertEvent[]>;
  deliveriesOf(eventIds: readonly string[]): Promise<Delivery[]>;
  eventsById(ids: readonly string[]): Promise<AlertEvent[]>;
  /** Messages due at `now` (pending, or left half-sent by a process that stopped). */
  dueDeliveries(now: Date, limit: number): Promise<Delivery[]>;
  /** Takes a due delivery for sending until `until`; false when another process took it. */
  claimDelivery(id: string, seenNextAt: Date, until: Date): Promise<boolean>;
  /** Records how a sending went. */
  finishDelivery(
    id: string,
    outcome: Pick<Delivery, 'status' | 'attempts' | 'nextAt' | 'sentAt' | 'error'>,
  ): Promise<void>;
}

const STATE = 'id, kind, station_id, subject, state, since, notified_at, version, detail, updated_at';
const EVENT = 'id, alert_id, type, at, kind, station_id, detail';
const DELIVERY = 'id, event_id, recipient_id, channel, address, status, attempts, next_at, sent_at, error';

function toRule(r: Row): AlertRule {
  return {
    id: String(r.id),
    group: String(r.group_name),
    kind: String(r.kind) as AlertKind,
    threshold: toInt(r.threshold),
    remindHours: toInt(r.remind_hours),
    enabled: toFlag(r.enabled),
  };
}

function toRecipient(r: Row): RecipientRecord {
  return {
    id: String(r.id),
    channel: String(r.channel) as RecipientRecord['channel'],
    address: String(r.address),
    groups: fromJson<string[]>(r.groups),
    locale: String(r.locale) as RecipientRecord['locale'],
    enabled: toFlag(r.enabled),
    sealedSecret: r.secret === null || r.secret === undefined ? null : String(r.secret),
  };
}

function toState(r: Row): AlertState {
  return {
    id: String(r.id),
    kind: String(r.kind) as AlertKind,
    stationId: String(r.station_id),
    subject: String(r.subject),
    state: String(r.state) as AlertState['state'],
    since: toDate(r.since),
    notifiedAt: toDateOrNull(r.notified_at),
    version: toInt(r.version),
    detail: fromJson<AlertDetail>(r.detail),
    updatedAt: toDate(r.updated_at),
  };
}

function toEvent(r: Row): AlertEvent {
  return {
    id: String(r.id),
    alertId: String(r.alert_id),
    type: String(r.type) as AlertEventType,
    at: toDate(r.at),
    kind: String(r.kind) as AlertKind,
    stationId: String(r.station_id),
    detail: fromJson<AlertDetail>(r.detail),
  };
}

function toDelivery(r: Row): Delivery {
  return {
    id: String(r.id),
    eventId: String(r.event_id),
    recipientId: r.recipient_id === null || r.recipient_id === undefined ? null : String(r.recipient_id),
    channel: String(r.channel) as Delivery['channel'],
    address: String(r.address),
    status: String(r.status) as Delivery['status'],
    attempts: toInt(r.attempts),
    nextAt: toDate(r.next_at),
    sentAt: toDateOrNull(r.sent_at),
    error: r.error === null || r.error === undefined ? null : String(r.error),
  };
}

/** The alert store on either database. */
export function createAlertStore(port: SqlPort): AlertStore {
  return {
    async listRules() {
      return (
        await port.all(
          'SELECT id, group_name, kind, threshold, remind_hours, enabled FROM alert_rules ORDER BY group_name, kind',
        )
      ).map(toRule);
    },
    async saveRule(rule) {
      await port.run(
        `INSERT INTO alert_rules (id, group_name, kind, threshold, remind_hours, enabled) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET group_name = excluded.group_name, kind = excluded.kind,
           threshold = excluded.threshold, remind_hours = excluded.remind_hours, enabled = excluded.enabled`,
        [rule.id, rule.group, rule.kind, rule.threshold, rule.remindHours, rule.enabled],
      );
    },
    async deleteRule(id) {
      return (await port.run('DELETE FROM alert_rules WHERE id = ?', [id])) > 0;
    },
    async listRecipients() {
      return (
        await port.all(
          'SELECT id, channel, address, groups, locale, enabled, secret FROM alert_recipients ORDER BY channel, address, id',
        )
      ).map(toRecipient);
    },
    async saveRecipient(r) {
      await port.run(
        `INSERT INTO alert_recipients (id, channel, address, groups, locale, enabled, secret) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, address = excluded.address,
           groups = excluded.groups, locale = excluded.locale, enabled = excluded.enabled, secret = excluded.secret`,
        [r.id, r.channel, r.address, r.groups, r.locale, r.enabled, r.sealedSecret],
      );
    },
    async deleteRecipient(id) {
      return (await port.run('DELETE FROM alert_recipients WHERE id = ?', [id])) > 0;
    },
    async states() {
      return (await port.all(`SELECT ${STATE} FROM alerts ORDER BY id`)).map(toState);
    },
    async transition({ next, event, deliveries = [] }) {
      const n = next;
      const change = event?.id ?? `${n.id}#${n.version}`;
      const write: Array<readonly [string, readonly unknown[]]> = [
        n.version === 1
          ? [
              `INSERT INTO alerts (${STATE}, change_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO NOTHING`,
              [
                n.id,
                n.kind,
                n.stationId,
                n.subject,
                n.state,
                n.since,
                n.notifiedAt,
                1,
                n.detail,
                n.updatedAt,
                change,
              ],
            ]
          : [
              `UPDATE alerts SET state = ?, since = ?, notified_at = ?, version = ?, detail = ?, updated_at = ?,
                 change_id = ? WHERE id = ? AND version = ?`,
              [n.state, n.since, n.notifiedAt, n.version, n.detail, n.updatedAt, change, n.id, n.version - 1],
            ],
      ];
      // The event and its messages are written only if this transition's change is the one stored.
      if (event) {
        write.push([
          `INSERT INTO alert_events (id, alert_id, seq, type, at, kind, station_id, detail)
           SELECT ?, id, version, ?, ?, kind, station_id, ? FROM alerts WHERE id = ? AND change_id = ?`,
          [event.id, event.type, event.at, event.detail, n.id, change],
        ]);
        for (const d of deliveries) {
          write.push([
            `INSERT INTO alert_deliveries (id, event_id, recipient_id, channel, address, status, attempts, next_at)
             SELECT ?, id, ?, ?, ?, 'pending', 0, ? FROM alert_events WHERE id = ?`,
            [d.id, d.recipientId, d.channel, d.address, event.at, event.id],
          ]);
        }
      }
      const [changed] = await port.batch(write);
      return changed === 1;
    },
    async events({ limit, stationId, before }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (stationId !== undefined) {
        where.push('station_id = ?');
        params.push(stationId);
      }
      if (before !== undefined) {
        where.push('at < ?');
        params.push(before);
      }
      params.push(limit);
      return (
        await port.all(
          `SELECT ${EVENT} FROM alert_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY at DESC, seq DESC, id LIMIT ?`,
          params,
        )
      ).map(toEvent);
    },
    async deliveriesOf(eventIds) {
      if (eventIds.length === 0) return [];
      if (eventIds.length > 500) throw new StoreError('CONFLICT', 'at most 500 events at a time');
      return (
        await port.all(
          `SELECT ${DELIVERY} FROM alert_deliveries WHERE event_id IN (${eventIds.map(() => '?').join(', ')})
           ORDER BY channel, address, id`,
          eventIds,
        )
      ).map(toDelivery);
    },
    async eventsById(ids) {
      if (ids.length === 0) return [];
      if (ids.length > 500) throw new StoreError('CONFLICT', 'at most 500 events at a time');
      return (
        await port.all(
          `SELECT ${EVENT} FROM alert_events WHERE id IN (${ids.map(() => '?').join(', ')})`,
          ids,
        )
      ).map(toEvent);
    },
    async dueDeliveries(now, limit) {
      return (
        await port.all(
          `SELECT ${DELIVERY} FROM alert_deliveries WHERE status = 'pending' AND next_at <= ?
           ORDER BY next_at, id LIMIT ?`,
          [now, limit],
        )
      ).map(toDelivery);
    },
    async claimDelivery(id, seenNextAt, until) {
      return (
        (await port.run(
          `UPDATE alert_deliveries SET next_at = ?, attempts = attempts + 1
           WHERE id = ? AND status = 'pending' AND next_at = ?`,
          [until, id, seenNextAt],
        )) === 1
      );
    },
    async finishDelivery(id, o) {
      await port.run(
        'UPDATE alert_deliveries SET status = ?, attempts = ?, next_at = ?, sent_at = ?, error = ? WHERE id = ?',
        [o.status, o.attempts, o.nextAt, o.sentAt, o.error, id],
      );
    },
  };
}
