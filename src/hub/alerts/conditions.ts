import { ALERT_THRESHOLDS, type AlertDetail, type AlertKind, type AlertRule } from '../../protocol/alerts.ts';
import type { Notice } from '../../protocol/notice.ts';
import type { Station } from '../storage/store.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** What the hub knows about one station when it judges its alerts. */
export interface StationFacts {
  station: Station;
  /** The version of the release live for the station's group, if any. */
  liveVersion: number | null;
  /** Extreme notices in force for the station's group now. */
  extremeNotices: readonly Notice[];
  /** The station's recent content-update checks, newest first, one per check (when asked for). */
  updateChecks?: ReadonlyArray<{ checkedAt: string; result: string }>;
}

/**
 * One alert condition at one moment. `active`: true (the problem is there), false (it is not),
 * or 'hold' (cannot tell now: keep the alert as it is, e.g. the kiosk is silent, so its last
 * heartbeat says nothing about its storage today). `holdForMs`: how long it must stay true
 * before it fires (stale content: a day; an unshown Extreme notice: 15 minutes).
 */
export interface Condition {
  id: string;
  kind: AlertKind;
  subject: string;
  active: boolean | 'hold';
  holdForMs: number;
  detail: AlertDetail;
  rule: AlertRule;
}

/** The rule in force for a station's group and a kind: the group's own, else the `*` one; null when off. */
export function ruleFor(rules: readonly AlertRule[], group: string, kind: AlertKind): AlertRule | null {
  const rule =
    rules.find((r) => r.kind === kind && r.group === group) ??
    rules.find((r) => r.kind === kind && r.group === '*');
  return rule?.enabled ? rule : null;
}

/** An alert's id: one per kind, station and subject (the notice, for unshown notices). */
export function alertId(kind: AlertKind, stationId: string, subject = ''): string {
  return `${kind}:${stationId}${subject ? `:${subject}` : ''}`;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const UPDATE_OK = new Set(['ok', 'unchanged']);

/**
 * Every alert condition for one station at `now`. Silence comes from the time of the last
 * heartbeat only (usage uploads never count); the others read the last heartbeat, and hold
 * their state while the kiosk is silent. A station that never sent a heartbeat has none.
 */
export function stationConditions(facts: StationFacts, rules: readonly AlertRule[], now: Date): Condition[] {
  const { station } = facts;
  const seen = station.lastSeenAt;
  if (!seen || station.revokedAt) return [];
  const hb = station.lastHeartbeat;
  const out: Condition[] = [];
  const ms = now.getTime();
  const quietMs = ms - seen.getTime();
  const silentRule = ruleFor(rules, station.group, 'silent');
  const silentAfterMs = (silentRule?.threshold ?? ALERT_THRESHOLDS.silent.default) * HOUR;
  const isSilent = quietMs >= silentAfterMs;
  const add = (
    kind: AlertKind,
    c: Omit<Condition, 'id' | 'kind' | 'rule' | 'subject'> & { subject?: string },
  ) => {
    const rule = ruleFor(rules, station.group, kind);
    if (!rule) return;
    const subject = c.subject ?? '';
    out.push({ ...c, id: alertId(kind, station.id, subject), kind, subject, rule });
  };
  const heard = (active: boolean) => (isSilent ? ('hold' as const) : active);

  if (silentRule) {
    add('silent', {
      active: isSilent,
      holdForMs: 0,
      detail: { since: seen.toISOString(), threshold: silentRule.threshold, value: round1(quietMs / HOUR) },
    });
  }

  const stale = ruleFor(rules, station.group, 'stale_content');
  if (stale && hb && facts.liveVersion !== null) {
    add('stale_content', {
      active: heard(hb.packVersion < facts.liveVersion),
      holdForMs: stale.threshold * HOUR,
      detail: {
        since: now.toISOString(),
        threshold: stale.threshold,
        packVersion: hb.packVersion,
        liveVersion: facts.liveVersion,
      },
    });
  }

  const storage = ruleFor(rules, station.group, 'storage_low');
  if (storage && hb?.storage && hb.storage.quota > 0) {
    const used = (hb.storage.used / hb.storage.quota) * 100;
    add('storage_low', {
      active: heard(used >= storage.threshold),
      holdForMs: 0,
      detail: { since: seen.toISOString(), threshold: storage.threshold, value: round1(used) },
    });
  }

  const clock = ruleFor(rules, station.group, 'clock_skew');
  if (clock && hb?.sentAt) {
    // The kiosk's clock when it sent the heartbeat against the hub's when it arrived.
    const offsetMin = Math.abs(Date.parse(hb.sentAt) - seen.getTime()) / MINUTE;
    add('clock_skew', {
      active: heard(offsetMin >= clock.threshold),
      holdForMs: 0,
      detail: { since: seen.toISOString(), threshold: clock.threshold, value: Math.round(offsetMin) },
    });
  }

  const updates = ruleFor(rules, station.group, 'update_errors');
  if (updates && facts.updateChecks && facts.updateChecks.length > 0) {
    const checks = facts.updateChecks;
    let failed = 0;
    while (failed < checks.length && !UPDATE_OK.has(checks[failed]?.result ?? 'ok')) failed++;
    const newest = checks[0];
    // It fires after `threshold` failed checks in a row and ends only with a good check, so a
    // kiosk backing off between failures (hours apart) does not flap.
    const active = failed >= updates.threshold ? true : failed === 0 ? false : ('hold' as const);
    add('update_errors', {
      active: isSilent ? 'hold' : active,
      holdForMs: 0,
      detail: {
        since: checks[Math.max(0, failed - 1)]?.checkedAt ?? now.toISOString(),
        threshold: updates.threshold,
        value: failed,
        ...(newest && failed > 0 ? { errorCode: newest.result } : {}),
      },
    });
  }

  const notices = ruleFor(rules, station.group, 'notice_not_shown');
  if (notices) {
    // Judged for silent kiosks too: an Extreme warning that never reached a screen matters most there.
    const shown = new Set(hb?.shownNotices ?? []);
    for (const notice of facts.extremeNotices) {
      add('notice_not_shown', {
        subject: notice.id,
        active: !shown.has(notice.id),
        holdForMs: notices.threshold * MINUTE,
        detail: {
          since: notice.onset,
          threshold: notices.threshold,
          noticeId: notice.id,
          noticeHeadline: notice.headline,
        },
      });
    }
  }
  return out;
}

/** The distinct update checks in a heartbeat history (newest first): one per `checkedAt`. */
export function updateChecksOf(
  history: ReadonlyArray<{ heartbeat: { lastUpdate: { checkedAt: string; result: string } | null } }>,
): Array<{ checkedAt: string; result: string }> {
  const seen = new Set<string>();
  const out: Array<{ checkedAt: string; result: string }> = [];
  for (const { heartbeat } of history) {
    const u = heartbeat.lastUpdate;
    if (!u || seen.has(u.checkedAt)) continue;
    seen.add(u.checkedAt);
    out.push({ checkedAt: u.checkedAt, result: u.result });
  }
  return out.sort((a, b) => Date.parse(b.checkedAt) - Date.parse(a.checkedAt));
}
