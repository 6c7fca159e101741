import { randomUUID } from 'node:crypto';
import type { AlertDetail, AlertEventType } from '../../protocol/alerts.ts';
import type { HubContext } from '../http/context.ts';
import type { AlertState, AlertTransition, RecipientRecord } from '../storage/alert-store.ts';
import type { Station } from '../storage/store.ts';
import { stationNotices } from '../warnings/station-notices.ts';
import { type Condition, ruleFor, stationConditions, updateChecksOf } from './conditions.ts';

const HOUR = 3_600_000;
/** Heartbeats read back for the update-error rule (a kiosk sends ~12 an hour and checks every 30 min). */
const UPDATE_HISTORY = 400;

/** What one evaluation changed. */
export interface EvaluationResult {
  events: Array<{ type: AlertEventType; alertId: string }>;
}

/** Recipients of a station's alerts: enabled, and listening to its group or to every group. */
export function recipientsFor(recipients: readonly RecipientRecord[], group: string): RecipientRecord[] {
  return recipients.filter((r) => r.enabled && (r.groups.includes('*') || r.groups.includes(group)));
}

/**
 * Judges every alert rule for every station from heartbeats and moves each alert between ok,
 * pending and firing. A message goes out when an alert fires and when it recovers, and not in
 * between (unless its rule asks for reminders): the state in the database suppresses repeats,
 * across restarts and hub processes.
 */
export async function evaluateAlerts(ctx: HubContext): Promise<EvaluationResult> {
  const now = ctx.now();
  const { alerts } = ctx.store;
  const [rules, stations, states, recipients] = await Promise.all([
    alerts.listRules(),
    ctx.store.listStations(),
    alerts.states(),
    alerts.listRecipients(),
  ]);
  const previous = new Map(states.map((s) => [s.id, s]));
  const live = new Map<string, number | null>();
  const liveVersion = async (group: string) => {
    if (!live.has(group)) live.set(group, (await ctx.store.activeRelease(group))?.version ?? null);
    return live.get(group) ?? null;
  };
  const result: EvaluationResult = { events: [] };
  const judged = new Set<string>();

  const apply = async (station: Station, t: AlertTransition) => {
    if (t.event && t.event.type !== 'closed') {
      t.deliveries = recipientsFor(recipients, station.group).map((r) => ({
        id: randomUUID(),
        recipientId: r.id,
        channel: r.channel,
        address: r.address,
      }));
    }
    if ((await alerts.transition(t)) && t.event)
      result.events.push({ type: t.event.type, alertId: t.next.id });
  };

  for (const station of stations) {
    const hb = station.lastHeartbeat;
    const lastCheck = hb?.lastUpdate;
    const failing = lastCheck && lastCheck.result !== 'ok' && lastCheck.result !== 'unchanged';
    const conditions = stationConditions(
      {
        station,
        liveVersion: await liveVersion(station.group),
        // The Extreme notices this station should be showing: the same choice as its config
        // (area over its place, its group's policy and approvals, test groups).
        extremeNotices: (await stationNotices(ctx, station, now)).notices.filter(
          (n) => n.severity === 'extreme' && Date.parse(n.onset) <= now.getTime(),
        ),
        ...(lastCheck
          ? {
              updateChecks:
                failing && ruleFor(rules, station.group, 'update_errors')
                  ? updateChecksOf(await ctx.store.heartbeatHistory(station.id, UPDATE_HISTORY))
                  : [lastCheck],
            }
          : {}),
      },
      rules,
      now,
    );
    for (const c of conditions) {
      judged.add(c.id);
      const t = nextState(previous.get(c.id), c, station, now);
      if (t) await apply(station, t);
    }
  }

  // Alerts no rule judged this time: their rule was turned off, their station revoked, or their
  // notice ended (the only one of these that is good news worth a message).
  const byId = new Map(stations.map((s) => [s.id, s]));
  for (const prev of states) {
    if (prev.state === 'ok' || judged.has(prev.id)) continue;
    const station = byId.get(prev.stationId);
    if (!station) continue;
    const ruleOff = !ruleFor(rules, station.group, prev.kind);
    const reason: AlertDetail['reason'] = station.revokedAt
      ? 'station_revoked'
      : ruleOff
        ? 'rule_off'
        : prev.kind === 'notice_not_shown'
          ? 'notice_ended'
          : 'cleared';
    const type: AlertEventType | null =
      prev.state !== 'firing'
        ? null
        : reason === 'notice_ended' || reason === 'cleared'
          ? 'recovered'
          : 'closed';
    const detail = { ...prev.detail, reason };
    await apply(station, {
      next: { ...prev, state: 'ok', since: now, version: prev.version + 1, detail, updatedAt: now },
      ...(type ? { event: { id: randomUUID(), type, at: now, detail } } : {}),
    });
  }
  return result;
}

/** The transition a condition calls for from an alert's previous state, or null for none. */
export function nextState(
  prev: AlertState | undefined,
  c: Condition,
  station: Station,
  now: Date,
): AlertTransition | null {
  if (c.active === 'hold') return null;
  const version = (prev?.version ?? 0) + 1;
  const base = {
    id: c.id,
    kind: c.kind,
    stationId: station.id,
    subject: c.subject,
    version,
    updatedAt: now,
  };
  const event = (type: AlertEventType, detail: AlertDetail) => ({ id: randomUUID(), type, at: now, detail });
  const state = prev?.state ?? 'ok';
  if (c.active) {
    if (state === 'firing') {
      const remindMs = c.rule.remindHours * HOUR;
      const last = prev?.notifiedAt?.getTime() ?? 0;
      if (!prev || remindMs === 0 || now.getTime() - last < remindMs) return null;
      return {
        next: { ...prev, version, detail: c.detail, notifiedAt: now, updatedAt: now },
        event: event('reminder', c.detail),
      };
    }
    const pendingSince = state === 'pending' && prev ? prev.since : now;
    if (now.getTime() - pendingSince.getTime() < c.holdForMs) {
      if (state === 'pending') return null;
      return {
        next: {
          ...base,
          state: 'pending',
          since: now,
          notifiedAt: prev?.notifiedAt ?? null,
          detail: c.detail,
        },
      };
    }
    const detail = c.holdForMs > 0 ? { ...c.detail, since: pendingSince.toISOString() } : c.detail;
    return {
      next: { ...base, state: 'firing', since: new Date(detail.since), notifiedAt: now, detail },
      event: event('firing', detail),
    };
  }
  if (state === 'ok') return null;
  const detail: AlertDetail = { ...(prev?.detail ?? c.detail), reason: 'cleared' };
  return {
    next: { ...base, state: 'ok', since: now, notifiedAt: prev?.notifiedAt ?? null, detail },
    ...(state === 'firing' ? { event: event('recovered', detail) } : {}),
  };
}
