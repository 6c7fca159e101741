import type { AlertKind, WebhookPayload } from '../../protocol/alerts.ts';
import type { Locale } from '../../protocol/locales.ts';
import { noticeLocale } from '../../protocol/notice-words.ts';
import { type HubMessageKey, hubTranslator } from '../i18n/index.ts';
import type { AlertEvent } from '../storage/alert-store.ts';
import type { Station } from '../storage/store.ts';

/** A time as people in the county read it: station time (UTC+8), to the minute. */
export function stationTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (UTC+8)`;
}

/** An alert message in one language: subject, plain text, and the webhook's JSON. */
export interface AlertMessage {
  subject: string;
  text: string;
  payload: WebhookPayload;
}

/** Writes the message about `event` at `station` for a recipient reading `locale`. */
export function alertMessage(
  event: AlertEvent,
  station: Pick<Station, 'id' | 'name' | 'town' | 'group'>,
  locale: Locale,
  consoleUrl: string,
): AlertMessage {
  const t = hubTranslator(locale);
  const d = event.detail;
  const what = t(`alert.kind.${event.kind}` as HubMessageKey);
  const params = {
    station: station.name,
    what,
    value: d.value,
    threshold: d.threshold,
    since: stationTime(d.since),
    packVersion: d.packVersion,
    liveVersion: d.liveVersion,
    errorCode: d.errorCode,
    // A CAP notice may lack the recipient's language: Chinese then any, as on the kiosk.
    notice: d.noticeHeadline
      ? d.noticeHeadline[noticeLocale({ headline: d.noticeHeadline }, locale)]
      : d.noticeId,
  };
  const type = event.type === 'closed' ? 'recovered' : event.type;
  const subject = t(`alert.subject.${type}`, params);
  const fact = t(`alert.fact.${event.kind}` as HubMessageKey, params);
  const lines =
    type === 'recovered'
      ? [
          t('alert.recovered.body', params),
          d.reason === 'notice_ended' ? t('alert.reason.notice_ended') : fact,
        ]
      : [fact, t(`alert.todo.${event.kind}` as HubMessageKey)];
  const link = consoleUrl
    ? `${consoleUrl.replace(/\/+$/, '')}/admin/fleet/${encodeURIComponent(station.id)}`
    : '';
  const text = [
    ...lines,
    '',
    t('alert.station', { station: station.name, town: station.town, group: station.group }),
    ...(link ? [t('alert.link', { url: link })] : []),
    '',
    t('alert.footer'),
  ].join('\n');
  return {
    subject,
    text,
    payload: {
      type: `alert.${type}`,
      eventId: event.id,
      at: event.at.toISOString(),
      alert: {
        id: event.alertId,
        kind: event.kind as AlertKind,
        since: d.since,
        station: { id: station.id, name: station.name, town: station.town, group: station.group },
        detail: d,
      },
      text: `${subject} ${lines[0] ?? ''}`.trim(),
    },
  };
}

/** The test message the console can send to a recipient. */
export function testMessage(locale: Locale): AlertMessage {
  const t = hubTranslator(locale);
  const subject = t('alert.subject.test');
  return {
    subject,
    text: `${t('alert.test.body')}\n\n${t('alert.footer')}`,
    payload: { type: 'test', eventId: 'test', at: new Date().toISOString(), alert: null, text: subject },
  };
}
