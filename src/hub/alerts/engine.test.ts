import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../protocol/heartbeat.ts';
import { startTestHub, type TestHub } from '../test-hub.ts';
import { evaluateAlerts } from './engine.ts';

const MIN = 60_000;
let hub: TestHub;
let admin: Record<string, string>;
let live = 0;
const t0 = Date.parse('2026-11-20T01:00:00Z');

const hb = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  appVersion: '1.0.0',
  packVersion: live,
  lastUpdate: null,
  errors: [],
  storage: { used: 1, quota: 100 },
  queue: 0,
  shownNotices: [],
  ...over,
});

/** Moves the clock, records a heartbeat if given, and judges the alerts. */
async function at(minutes: number, stationId: string, heartbeat?: Heartbeat) {
  hub.clock.now = new Date(t0 + minutes * MIN);
  if (heartbeat) await hub.store.recordHeartbeat(stationId, heartbeat, hub.clock.now);
  const { events } = await evaluateAlerts(hub.ctx);
  return events
    .filter((e) => e.alertId.includes(stationId))
    .map((e) => `${e.type} ${e.alertId.split(':')[0]}`);
}

beforeAll(async () => {
  hub = await startTestHub({ publish: true });
  hub.clock.now = new Date(t0);
  admin = await hub.login('admin');
  live = (await hub.store.activeRelease('*'))?.version ?? 0;
  // A recipient for every group, so messages are queued (nothing sends them in this test).
  const r = await fetch(`${hub.url}/api/v1/admin/alerts/recipients`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({
      channel: 'email',
      address: 'x@hekou.test',
      groups: ['*'],
      locale: 'en',
      enabled: true,
    }),
  });
  expect(r.status).toBe(200);
});
afterAll(() => hub.close());

describe('the alert engine on a real store', () => {
  it('waits 15 minutes for an Extreme notice to reach the screen, then alerts; ends when it is shown', async () => {
    const { stationId } = await hub.enroll('flood');
    expect(await at(0, stationId, hb())).toEqual([]);
    const sent = await fetch(`${hub.url}/api/v1/admin/notices`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        severity: 'extreme',
        urgency: 'immediate',
        headline: { 'zh-CN': '山洪预警', vi: 'Cảnh báo lũ quét', en: 'Flash flood warning' },
        instruction: { 'zh-CN': '马上上山', vi: 'Lên cao ngay', en: 'Go uphill now' },
        groups: ['flood'],
        expires: new Date(t0 + 6 * 60 * MIN).toISOString(),
      }),
    });
    expect(sent.status).toBe(201);
    const { notice } = (await sent.json()) as { notice: { id: string } };
    expect(await at(1, stationId, hb())).toEqual([]);
    expect(await at(14, stationId, hb())).toEqual([]);
    expect(await at(16, stationId, hb())).toEqual(['firing notice_not_shown']);
    expect(await at(20, stationId, hb())).toEqual([]);
    expect(await at(21, stationId, hb({ shownNotices: [notice.id] }))).toEqual([
      'recovered notice_not_shown',
    ]);
    const [event] = await hub.store.alerts.events({ limit: 1, stationId });
    expect(event?.detail).toMatchObject({ noticeId: notice.id, reason: 'cleared', threshold: 15 });
  });

  it('ends an unshown-notice alert when the notice is cancelled', async () => {
    const { stationId } = await hub.enroll('quake');
    await at(0, stationId, hb());
    const sent = await fetch(`${hub.url}/api/v1/admin/notices`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        severity: 'extreme',
        urgency: 'immediate',
        headline: { 'zh-CN': '地震', vi: 'Động đất', en: 'Earthquake' },
        instruction: { 'zh-CN': '躲避', vi: 'Trú ẩn', en: 'Take cover' },
        groups: ['quake'],
        expires: new Date(t0 + 6 * 60 * MIN).toISOString(),
      }),
    });
    const { notice } = (await sent.json()) as { notice: { id: string } };
    await at(1, stationId, hb());
    expect(await at(17, stationId, hb())).toEqual(['firing notice_not_shown']);
    await hub.store.cancelNotice(notice.id, hub.clock.now);
    expect(await at(18, stationId, hb())).toEqual(['recovered notice_not_shown']);
    const [event] = await hub.store.alerts.events({ limit: 1, stationId });
    expect(event?.detail.reason).toBe('notice_ended');
  });

  it('expects an Extreme CAP alert only on the kiosks inside its area', async () => {
    const inside = await hub.enroll('cap-area');
    const outside = await hub.enroll('cap-area');
    const place = (id: string, body: unknown) =>
      fetch(`${hub.url}/api/v1/admin/stations/${id}/place`, {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify({ place: body }),
      });
    expect((await place(inside.stationId, { lat: 22.5, lon: 103.95 })).status).toBe(200);
    expect((await place(outside.stationId, { town: '南溪镇', lat: 22.8, lon: 103.3 })).status).toBe(200);
    await at(0, inside.stationId, hb());
    await at(0, outside.stationId, hb());
    const iso = (m: number) => new Date(t0 + m * MIN).toISOString();
    const xml = readFileSync(join(import.meta.dirname, '..', 'cap', 'fixtures', 'two-languages.xml'), 'utf8')
      .replace(/<identifier>[^<]*</, '<identifier>HK-ENGINE-AREA<')
      .replaceAll('<severity>Severe<', '<severity>Extreme<')
      .replace(/<sent>[^<]*</, `<sent>${iso(0)}<`)
      .replaceAll(/<onset>[^<]*</g, `<onset>${iso(0)}<`)
      .replaceAll(/<expires>[^<]*</g, `<expires>${iso(6 * 60)}<`);
    const sent = await fetch(`${hub.url}/api/v1/admin/cap`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/cap+xml' },
      body: xml,
    });
    expect(sent.status).toBe(200);
    await at(1, inside.stationId, hb());
    await at(1, outside.stationId, hb());
    // Neither kiosk shows it: only the one inside the polygon should.
    hub.clock.now = new Date(t0 + 17 * MIN);
    const { events } = await evaluateAlerts(hub.ctx);
    const fired = (id: string) =>
      events.filter((e) => e.alertId.includes(id)).map((e) => `${e.type} ${e.alertId.split(':')[0]}`);
    expect(fired(inside.stationId)).toEqual(['firing notice_not_shown']);
    expect(fired(outside.stationId)).toEqual([]);
    // CAP alerts are for every group: end it, so the kiosks of the other tests are not judged on it.
    await hub.store.cancelNotice(((await sent.json()) as { noticeId: string }).noticeId, hub.clock.now);
  });

  it('closes an alert without a message when its rule is turned off', async () => {
    const { stationId } = await hub.enroll('disk');
    expect(await at(0, stationId, hb({ storage: { used: 95, quota: 100 } }))).toEqual(['firing storage_low']);
    expect(await at(5, stationId, hb({ storage: { used: 96, quota: 100 } }))).toEqual([]);
    await hub.store.alerts.saveRule({
      id: 'disk-storage-off',
      group: 'disk',
      kind: 'storage_low',
      threshold: 90,
      remindHours: 0,
      enabled: false,
    });
    expect(await at(6, stationId, hb({ storage: { used: 96, quota: 100 } }))).toEqual(['closed storage_low']);
    const [closed] = await hub.store.alerts.events({ limit: 1, stationId });
    expect(await hub.store.alerts.deliveriesOf([closed?.id ?? ''])).toEqual([]);
  });

  it('alerts on three failed update checks in a row from the heartbeat history, and on a wrong clock', async () => {
    const { stationId } = await hub.enroll('updates');
    const check = (m: number, result: string) => ({
      checkedAt: new Date(t0 + m * MIN).toISOString(),
      result,
    });
    expect(await at(0, stationId, hb({ lastUpdate: check(0, 'ok') }))).toEqual([]);
    expect(await at(30, stationId, hb({ lastUpdate: check(30, 'NETWORK_ERROR') }))).toEqual([]);
    expect(await at(35, stationId, hb({ lastUpdate: check(30, 'NETWORK_ERROR') }))).toEqual([]);
    expect(await at(60, stationId, hb({ lastUpdate: check(60, 'NETWORK_ERROR') }))).toEqual([]);
    expect(await at(90, stationId, hb({ lastUpdate: check(90, 'PACK_SIGNATURE_INVALID') }))).toEqual([
      'firing update_errors',
    ]);
    expect(await at(120, stationId, hb({ lastUpdate: check(120, 'unchanged') }))).toEqual([
      'recovered update_errors',
    ]);
    // The kiosk's clock is two hours fast.
    expect(
      await at(
        125,
        stationId,
        hb({ lastUpdate: check(120, 'unchanged'), sentAt: new Date(t0 + 245 * MIN).toISOString() }),
      ),
    ).toEqual(['firing clock_skew']);
  });
});
