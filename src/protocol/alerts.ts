import * as v from 'valibot';
import { ALERT_KINDS, ALERT_THRESHOLDS, type AlertKind, MAX_REMIND_HOURS } from './alert-kinds.ts';
import { LOCALES } from './locales.ts';

/**
 * Alerts about kiosks, judged by the hub from heartbeats (never from usage): the rule kinds,
 * their thresholds, who hears about them, and the mail server. Shared by the hub and the console.
 */
export { ALERT_KINDS, ALERT_THRESHOLDS, type AlertKind, MAX_REMIND_HOURS } from './alert-kinds.ts';

const GroupName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60));

/** A rule as the console sends it: for a group (or `*`, every group without its own rule of that kind). */
export const AlertRuleInputSchema = v.pipe(
  v.strictObject({
    group: v.pipe(
      GroupName,
      v.check((g) => g === '*' || !g.includes('*'), 'a group name cannot contain *'),
    ),
    kind: v.picklist(ALERT_KINDS),
    threshold: v.pipe(v.number(), v.integer()),
    remindHours: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_REMIND_HOURS)),
    enabled: v.boolean(),
  }),
  v.check((r) => {
    const t = ALERT_THRESHOLDS[r.kind];
    return r.threshold >= t.min && r.threshold <= t.max;
  }, 'threshold is out of range for this kind of rule'),
);
export type AlertRuleInput = v.InferOutput<typeof AlertRuleInputSchema>;
export interface AlertRule extends AlertRuleInput {
  id: string;
}

/** An http(s) address with a host, and nothing else (no credentials in it). */
export const WebhookUrlSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(500),
  v.url('not a web address'),
  v.check((s) => {
    try {
      const u = new URL(s);
      return (
        (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && !u.username && !u.password
      );
    } catch {
      return false;
    }
  }, 'a webhook address must be http:// or https:// without a user name or password'),
);

const Email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('not an email address'));

/** Who hears about alerts: an email address or a webhook, for some groups, in one language. */
export const RecipientInputSchema = v.variant('channel', [
  v.strictObject({
    channel: v.literal('email'),
    address: Email,
    groups: v.pipe(v.array(GroupName), v.minLength(1), v.maxLength(50)),
    locale: v.picklist(LOCALES),
    enabled: v.boolean(),
  }),
  v.strictObject({
    channel: v.literal('webhook'),
    address: WebhookUrlSchema,
    groups: v.pipe(v.array(GroupName), v.minLength(1), v.maxLength(50)),
    locale: v.picklist(LOCALES),
    enabled: v.boolean(),
    /** Signs each call (HMAC-SHA256); undefined keeps the stored one, null removes it. */
    secret: v.optional(v.nullable(v.pipe(v.string(), v.minLength(16), v.maxLength(200)))),
  }),
]);
export type RecipientInput = v.InferOutput<typeof RecipientInputSchema>;

/** A recipient as the console sees it: never the webhook secret, only whether one is set. */
export interface Recipient {
  id: string;
  channel: 'email' | 'webhook';
  address: string;
  groups: string[];
  locale: (typeof LOCALES)[number];
  enabled: boolean;
  secretSet: boolean;
}

/** The mail server. The password is write-only: undefined keeps the stored one, null removes it. */
export const SmtpInputSchema = v.strictObject({
  host: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(253), v.regex(/^[A-Za-z0-9.-]+$/)),
  port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
  security: v.picklist(['tls', 'starttls', 'none']),
  username: v.pipe(v.string(), v.trim(), v.maxLength(200)),
  password: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(200)))),
  from: Email,
  /** The console's public address, for links in messages (optional). */
  consoleUrl: v.optional(v.union([v.literal(''), WebhookUrlSchema]), ''),
});
export type SmtpInput = v.InferOutput<typeof SmtpInputSchema>;

/** The mail server as the console sees it. */
export interface SmtpView {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  from: string;
  consoleUrl: string;
  passwordSet: boolean;
}

/** What happened to an alert. `closed`: its rule was turned off or its station revoked (no message). */
export type AlertEventType = 'firing' | 'reminder' | 'recovered' | 'closed';

/** Facts about an alert, shown in messages and the console. */
export interface AlertDetail {
  /** When the condition began (ISO): the last heartbeat of a silent kiosk, say. */
  since: string;
  /** The threshold in force when it fired. */
  threshold: number;
  /** The measured value: hours silent, percent used, minutes off, failed checks, … */
  value?: number;
  /** Pack versions for stale content. */
  packVersion?: number;
  liveVersion?: number;
  /** The notice, for notice_not_shown. */
  noticeId?: string;
  /** In the languages the notice came in (a CAP alert may have only some). */
  noticeHeadline?: Partial<Record<(typeof LOCALES)[number], string>>;
  /** The last error code, for update errors. */
  errorCode?: string;
  /** Why it ended: the condition cleared, or the notice ended. */
  reason?: 'cleared' | 'notice_ended' | 'rule_off' | 'station_revoked';
}

/** The JSON a webhook receives (POST, application/json). */
export interface WebhookPayload {
  type: `alert.${Exclude<AlertEventType, 'closed'>}` | 'test';
  eventId: string;
  at: string;
  alert: {
    id: string;
    kind: AlertKind;
    since: string;
    station: { id: string; name: string; town: string; group: string };
    detail: AlertDetail;
  } | null;
  /** A one-line summary in the recipient's language, for systems that only relay text. */
  text: string;
}
