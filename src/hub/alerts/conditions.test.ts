import { describe, expect, it } from 'vitest';
import type { AlertKind, AlertRule } from '../../protocol/alerts.ts';
import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { Notice } from '../../protocol/notice.ts';
import type { AlertState } from '../storage/alert-store.ts';
import type { Station } from '../storage/store.ts';
import {
  type Condition,
  ruleFor,
  type StationFacts,
  stationConditions,
  updateChecksOf,
} from './conditions.ts';
import { nextState } from './engine.ts';

const NOW = new Date('2026-11-16T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

const rules: AlertRule[] = [
  { id: 's', group: '*', kind: 'silent', threshold: 6, remindHours: 0, enabled: true },
  { id: 'c', group: '*', kind: 'stale_content', threshold: 24, remindHours: 0, enabled: true },
  { id: 'st', group: '*', kind: 'storage_low', threshold: 90, remindHours: 0, enabled: true },
  { id: 'k', group: '*', kind: 'clock_skew', threshold: 10, remindHours: 0, enabled: true },
  { id: 'u', group: '*', kind: 'update_errors', threshold: 3, remindHours: 0, enabled: true },
  { id: 'n', group: '*', kind: 'notice_not_shown', threshold: 15, remindHours: 0, enabled: true },
  { id: 'own', group: 'border', kind: 'silent', threshold: 2, remindHours: 0, enabled: true },
  { id: 'off', group: 'quiet', kind: 'storage_low', threshold: 90, remindHours: 0, enabled: false },
];

const hb = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  appVersion: '1',
  packVersion: 5,
  lastUpdate: null,
  errors: [],
  storage: { used: 10, quota: 100 },
  queue: 0,
  ...over,
});

const station = (over: Partial<Station> = {}): Station => ({
  id: 'st-1',
  name: '老卡村e站',
  town: '南溪镇',
  group: 'hekou',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  revokedAt: null,
  lastSeenAt: new Date(NOW.getTime() - 5 * MIN),
  lastHeartbeat: hb(),
  ...over,
});

const notice = (id: string): Notice => ({
  id,
  severity: 'extreme',
  urgency: 'immediate',
  headline: { 'zh-CN': '山洪', vi: 'lũ quét', en: 'flash flood' },
  instruction: { 'zh-CN': '上山', vi: 'lên cao', en: 'go uphill' },
  onset: new Date(NOW.getTime() - 20 * MIN).toISOString(),
  expires: new Date(NOW.getTime() + HOUR).toISOString(),
});

const facts = (over: Partial<StationFacts> = {}): StationFacts => ({
  station: station(),
  liveVersion: 5,
  extremeNotices: [],
  ...over,
});

const of = (cs: Condition[], kind: AlertKind) => cs.filter((c) => c.kind === kind);

describe('alert conditions', () => {
  it('judges silence from the last heartbeat, with the group’s own rule over the * one', () => {
    expect(of(stationConditions(facts(), rules, NOW), 'silent')[0]).toMatchObject({ active: false });
    const quiet = facts({ station: station({ lastSeenAt: new Date(NOW.getTime() - 7 * HOUR) }) });
    expect(of(stationConditions(quiet, rules, NOW), 'silent')[0]).toMatchObject({
      active: true,
      detail: { threshold: 6, value: 7 },
    });
    const border = facts({
      station: station({ group: 'border', lastSeenAt: new Date(NOW.getTime() - 3 * HOUR) }),
    });
    expect(of(stationConditions(border, rules, NOW), 'silent')[0]).toMatchObject({
      active: true,
      rule: { id: 'own' },
    });
    // A station that never sent a heartbeat (not installed yet), or a revoked one, has no alerts.
    expect(stationConditions(facts({ station: station({ lastSeenAt: null }) }), rules, NOW)).toEqual([]);
    expect(stationConditions(facts({ station: station({ revokedAt: NOW }) }), rules, NOW)).toEqual([]);
  });

  it('holds the heartbeat-based conditions of a silent kiosk, but not an unshown Extreme notice', () => {
    const silent = facts({
      station: station({
        lastSeenAt: new Date(NOW.getTime() - 7 * HOUR),
        lastHeartbeat: hb({ packVersion: 1, storage: { used: 99, quota: 100 } }),
      }),
      extremeNotices: [notice('flood-1')],
    });
    const cs = stationConditions(silent, rules, NOW);
    expect(of(cs, 'stale_content')[0]?.active).toBe('hold');
    expect(of(cs, 'storage_low')[0]?.active).toBe('hold');
    expect(of(cs, 'notice_not_shown')[0]?.active).toBe(true);
  });

  it('finds stale content (held a day), low storage, a wrong clock', () => {
    const cs = stationConditions(
      facts({
        station: station({
          lastHeartbeat: hb({
            packVersion: 4,
            storage: { used: 95, quota: 100 },
            sentAt: new Date(NOW.getTime() - 5 * MIN + 3 * HOUR).toISOString(),
          }),
        }),
      }),
      rules,
      NOW,
    );
    expect(of(cs, 'stale_content')[0]).toMatchObject({
      active: true,
      holdForMs: 24 * HOUR,
      detail: { packVersion: 4, liveVersion: 5 },
    });
    expect(of(cs, 'storage_low')[0]).toMatchObject({ active: true, detail: { value: 95 } });
    expect(of(cs, 'clock_skew')[0]).toMatchObject({ active: true, detail: { value: 180 } });
    const ok = stationConditions(facts({ station: station({ group: 'quiet' }) }), rules, NOW);
    expect(of(ok, 'storage_low')).toEqual([]);
    expect(of(ok, 'clock_skew')).toEqual([]);
  });

  it('counts failed update checks in a row, fires at the threshold and ends only with a good check', () => {
    const checks = (...results: string[]) =>
      results.map((result, i) => ({ checkedAt: new Date(NOW.getTime() - i * HOUR).toISOString(), result }));
    const judge = (list: Array<{ checkedAt: string; result: string }>) =>
      of(stationConditions(facts({ updateChecks: list }), rules, NOW), 'update_errors')[0];
    expect(judge(checks('NETWORK_ERROR', 'NETWORK_ERROR', 'PACK_SIGNATURE_INVALID', 'ok'))).toMatchObject({
      active: true,
      detail: { value: 3, errorCode: 'NETWORK_ERROR' },
    });
    expect(judge(checks('NETWORK_ERROR', 'ok'))?.active).toBe('hold');
    expect(judge(checks('unchanged', 'NETWORK_ERROR', 'NETWORK_ERROR', 'NETWORK_ERROR'))?.active).toBe(false);
    // One entry per check, however many heartbeats repeated it.
    const history = [
      { heartbeat: { lastUpdate: { checkedAt: '2026-11-16T10:00:00Z', result: 'NETWORK_ERROR' } } },
      { heartbeat: { lastUpdate: { checkedAt: '2026-11-16T10:00:00Z', result: 'NETWORK_ERROR' } } },
      { heartbeat: { lastUpdate: { checkedAt: '2026-11-16T09:00:00Z', result: 'ok' } } },
      { heartbeat: { lastUpdate: null } },
    ];
    expect(updateChecksOf(history)).toEqual([
      { checkedAt: '2026-11-16T10:00:00Z', result: 'NETWORK_ERROR' },
      { checkedAt: '2026-11-16T09:00:00Z', result: 'ok' },
    ]);
  });

  it('watches each Extreme notice until the kiosk reports it on screen', () => {
    const cs = stationConditions(
      facts({
        extremeNotices: [notice('flood-1'), notice('quake-2')],
        station: station({ lastHeartbeat: hb({ shownNotices: ['flood-1'] }) }),
      }),
      rules,
      NOW,
    );
    expect(of(cs, 'notice_not_shown').map((c) => [c.subject, c.active, c.holdForMs])).toEqual([
      ['flood-1', false, 15 * MIN],
      ['quake-2', true, 15 * MIN],
    ]);
    expect(ruleFor(rules, 'quiet', 'storage_low')).toBeNull();
  });
});

describe('alert transitions', () => {
  const s = station();
  const silentRule = rules[0] as AlertRule;
  const cond = (active: Condition['active'], over: Partial<Condition> = {}): Condition => ({
    id: `silent:${s.id}`,
    kind: 'silent',
    subject: '',
    active,
    holdForMs: 0,
    detail: { since: '2026-11-16T05:00:00.000Z', threshold: 6, value: 7 },
    rule: silentRule,
    ...over,
  });
  const state = (over: Partial<AlertState>): AlertState => ({
    id: `silent:${s.id}`,
    kind: 'silent',
    stationId: s.id,
    subject: '',
    state: 'firing',
    since: new Date('2026-11-16T05:00:00Z'),
    notifiedAt: new Date('2026-11-16T11:00:00Z'),
    version: 3,
    detail: { since: '2026-11-16T05:00:00.000Z', threshold: 6 },
    updatedAt: new Date('2026-11-16T11:00:00Z'),
    ...over,
  });

  it('fires once, stays quiet while firing, and recovers once', () => {
    const fired = nextState(undefined, cond(true), s, NOW);
    expect(fired).toMatchObject({ next: { state: 'firing', version: 1 }, event: { type: 'firing' } });
    expect(nextState(state({}), cond(true), s, NOW)).toBeNull();
    expect(nextState(state({}), cond(true), s, new Date(NOW.getTime() + 30 * 24 * HOUR))).toBeNull();
    expect(nextState(state({}), cond(false), s, NOW)).toMatchObject({
      next: { state: 'ok', version: 4 },
      event: { type: 'recovered', detail: { reason: 'cleared' } },
    });
    expect(nextState(state({ state: 'ok' }), cond(false), s, NOW)).toBeNull();
    expect(nextState(state({}), cond('hold'), s, NOW)).toBeNull();
  });

  it('reminds only when the rule asks, after its hours', () => {
    const reminding = cond(true, { rule: { ...silentRule, remindHours: 24 } });
    expect(nextState(state({}), reminding, s, NOW)).toBeNull();
    expect(nextState(state({}), reminding, s, new Date('2026-11-17T11:00:00Z'))).toMatchObject({
      event: { type: 'reminder' },
      next: { notifiedAt: new Date('2026-11-17T11:00:00Z') },
    });
  });

  it('waits a condition’s hold time in pending, silently, before it fires', () => {
    const held = cond(true, { holdForMs: 15 * MIN });
    const pending = nextState(undefined, held, s, NOW);
    expect(pending?.next.state).toBe('pending');
    expect(pending?.event).toBeUndefined();
    const p = state({ state: 'pending', since: NOW, notifiedAt: null, version: 1 });
    expect(nextState(p, held, s, new Date(NOW.getTime() + 14 * MIN))).toBeNull();
    expect(nextState(p, held, s, new Date(NOW.getTime() + 15 * MIN))).toMatchObject({
      next: { state: 'firing', since: NOW },
      event: { type: 'firing' },
    });
    // Cleared while pending: back to ok with no message.
    expect(nextState(p, cond(false), s, NOW)).toMatchObject({ next: { state: 'ok' } });
    expect(nextState(p, cond(false), s, NOW)?.event).toBeUndefined();
  });
});
