import { LOCALES, type Locale } from '../../protocol/locales.ts';
import { type Notice, type NoticeText, SEVERITIES } from '../../protocol/notice.ts';
import type { AlertArea } from './area.ts';
import type { CapAlert, CapInfo } from './cap.ts';

/** An alert without `<expires>` stays this long after its onset. */
export const DEFAULT_ALERT_HOURS = 24;
/** No alert stays longer than this, whatever it says (a typo of a year must not pin a banner). */
export const MAX_ALERT_DAYS = 30;

/** A notice's content from a CAP alert (without id and revision), with the area it covers. */
export interface AlertContent {
  notice: Omit<Notice, 'id' | 'revision'>;
  area: AlertArea;
  /** Languages of info blocks that no kiosk speaks (kept out of the notice). */
  otherLanguages: string[];
}

const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Notice['severity'], number>;

/**
 * Turns an alert's info blocks into one notice: per kiosk language the most severe block in it
 * (Simplified Chinese before Traditional), the most severe block's severity, urgency and
 * certainty, shown from the earliest `effective` (else `sent`) to the latest expiry, and the union of every block's areas.
 */
export function alertToNotice(alert: CapAlert): AlertContent | null {
  const shown = alert.info.filter((i) => i.locale !== null);
  if (shown.length === 0) return null;
  const bySeverity = [...shown].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const main = bySeverity[0] as CapInfo;
  const perLocale = new Map<Locale, CapInfo>();
  for (const info of bySeverity) {
    const locale = info.locale as Locale;
    const held = perLocale.get(locale);
    if (!held || (held.traditional && !info.traditional)) perLocale.set(locale, info);
  }
  const text = (pick: (i: CapInfo) => string | undefined, max = 200): NoticeText | undefined => {
    const out: NoticeText = {};
    for (const l of LOCALES) {
      const value = perLocale.get(l);
      const t = value ? pick(value) : undefined;
      if (t) out[l] = [...t].length > max ? `${[...t].slice(0, max - 1).join('')}…` : t;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  // A warning is shown from when it takes effect (its sending, unless it says otherwise), not
  // from the event's onset: people need it before the rain starts.
  const onsets = alert.info.map((i) => (i.effective ?? alert.sent).getTime());
  const onset = Math.min(...onsets);
  const stated = alert.info.map((i) => i.expires?.getTime()).filter((t): t is number => t !== undefined);
  const expires = Math.min(
    stated.length > 0 ? Math.max(...stated) : onset + DEFAULT_ALERT_HOURS * 3_600_000,
    onset + MAX_ALERT_DAYS * 86_400_000,
  );
  const areaText = text(
    (i) => i.areas.map((a) => a.areaDesc).join(i.locale === 'zh-CN' ? '、' : '; ') || undefined,
    400,
  );
  const notice: AlertContent['notice'] = {
    severity: main.severity,
    urgency: main.urgency,
    certainty: main.certainty,
    status: alert.status === 'Exercise' ? 'exercise' : alert.status === 'Test' ? 'test' : 'actual',
    headline: text((i) => i.headline ?? i.event) ?? {},
    onset: new Date(onset).toISOString(),
    expires: new Date(expires).toISOString(),
  };
  const description = text((i) => i.description, 2000);
  const instruction = text((i) => i.instruction, 1000);
  const sender = text((i) => i.senderName);
  if (description) notice.description = description;
  if (instruction) notice.instruction = instruction;
  if (areaText) notice.area = areaText;
  if (sender) notice.sender = sender;
  return {
    notice,
    area: alert.info.flatMap((i) => i.areas),
    otherLanguages: [...new Set(alert.info.filter((i) => i.locale === null).map((i) => i.language))],
  };
}
