import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../protocol/notice.ts';
import { startTestHub, type TestHub } from '../test-hub.ts';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', 'cap', 'fixtures', name), 'utf8');
/** A fixture with a new identifier (and other replacements), so each test sends a fresh message. */
const variant = (name: string, identifier: string, replace: Array<[string, string]> = []) =>
  replace.reduce(
    (text, [a, b]) => text.replaceAll(a, b),
    fixture(name).replace(/<identifier>[^<]*<\/identifier>/, `<identifier>${identifier}</identifier>`),
  );
let counter = 0;
const fresh = (prefix: string) => `${prefix}-${++counter}-${Date.now()}`;

let hub: TestHub;
let editor: Record<string, string>;
let admin: Record<string, string>;
beforeAll(async () => {
  hub = await startTestHub({ publish: true });
  // The fixtures' rainstorm is in force from 2027-06-12T00:00Z to 2027-06-13T00:00Z.
  hub.clock.now = new Date('2027-06-12T01:00:00Z');
  editor = await hub.login('editor');
  admin = await hub.login('admin');
});
afterAll(() => hub.close());
// Each test starts with no notice in force, so one test's alert is not on another's stations.
beforeEach(async () => {
  const live = await hub.store.warnings.listScopedNotices(10_000);
  await hub.store.warnings.cancelNotices(
    live.map((n) => n.notice.id),
    hub.clock.now,
  );
});

const api = (path: string, init: RequestInit = {}) => fetch(`${hub.url}/api/v1${path}`, init);
const upload = async (xml: string, headers = editor) =>
  api('/admin/cap', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/cap+xml' },
    body: xml,
  });
const send = (method: string, path: string, body: unknown, headers = admin) =>
  api(path, { method, headers, body: JSON.stringify(body) });
const notices = async (token: string): Promise<Notice[]> =>
  (await (await api('/station/config', { headers: { authorization: `Bearer ${token}` } })).json()).notices;
const config = async (token: string) =>
  (await api('/station/config', { headers: { authorization: `Bearer ${token}` } })).json();
/** A station of `group` in 河口镇, enrolled the way a kiosk does it (signed in once, not per station). */
async function enroll(group: string): Promise<{ stationId: string; token: string }> {
  const made = await send('POST', '/admin/stations', { name: fresh('站'), town: '河口镇', group });
  const { enrollmentCode } = await made.json();
  const res = await api('/enroll', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: enrollmentCode }),
  });
  return res.json();
}
/** A station of `group` standing at a point, in a township no fixture names. */
async function stationAt(group: string, lat: number, lon: number) {
  const station = await enroll(group);
  const res = await send('PUT', `/admin/stations/${station.stationId}/place`, {
    place: { town: '桥头乡', lat, lon },
  });
  expect(res.status).toBe(200);
  return station;
}
const audit = async () =>
  (await (await api('/admin/audit', { headers: admin })).json()) as Array<{ action: string; detail: string }>;

describe('CAP upload: area, update, cancel', () => {
  it('shows an alert inside its polygon only; an Update changes it everywhere; a Cancel ends it', async () => {
    const group = fresh('hekou');
    const inside = await stationAt(group, 22.5, 103.95);
    const outside = await stationAt(group, 22.62, 103.95);
    const id = fresh('HK');
    const alert = variant('two-languages.xml', id);
    const res = await upload(alert);
    expect(res.status).toBe(200);
    const created = await res.json();
    expect(created).toMatchObject({ outcome: 'created', identifier: id });
    const [shown] = await notices(inside.token);
    expect(shown).toMatchObject({ id: created.noticeId, severity: 'severe', revision: 1 });
    expect(shown?.headline).toEqual({
      'zh-CN': '河口县气象局发布暴雨橙色预警',
      en: 'Orange rainstorm warning for Hekou',
    });
    expect(await notices(outside.token)).toEqual([]);
    // Every automatic notice is in the audit log, with where it went.
    const entry = (await audit()).find((e) => e.action === 'cap.created' && e.detail.includes(id));
    expect(entry?.detail).toContain(`${group} 1`);
    expect(entry?.detail).toMatch(/waiting for approval: none/);

    // The same message again changes nothing.
    expect(await (await upload(alert)).json()).toMatchObject({ outcome: 'duplicate' });

    const update = variant('update.xml', fresh('HK-UP'), [['HK-MET-2027-0612-001', id]]);
    expect(await (await upload(update)).json()).toMatchObject({
      outcome: 'updated',
      noticeId: created.noticeId,
    });
    const [updated] = await notices(inside.token);
    expect(updated).toMatchObject({ id: created.noticeId, severity: 'extreme', revision: 2 });
    expect(updated?.headline['zh-CN']).toBe('暴雨红色预警：立即转移');
    // The update's larger polygon now covers the second station too.
    expect((await notices(outside.token)).map((n) => n.id)).toEqual([created.noticeId]);

    const cancel = variant('cancel.xml', fresh('HK-CANCEL'), [['HK-MET-2027-0612-001', id]]);
    expect(await (await upload(cancel)).json()).toMatchObject({
      outcome: 'cancelled',
      noticeId: created.noticeId,
    });
    expect(await notices(inside.token)).toEqual([]);
    expect(await notices(outside.token)).toEqual([]);
  });

  it('matches a circle, a town name and a geocode', async () => {
    const group = fresh('nanxi');
    const near = await stationAt(group, 22.71, 103.95);
    const far = await stationAt(group, 22.8, 103.95);
    const named = await enroll(group); // its town is 河口镇 (test-hub), no point
    const circle = variant('circle.xml', fresh('NX'), [
      ['2027-07-02T14:10:00+08:00', '2027-06-12T08:00:00+08:00'],
    ]);
    const { noticeId } = await (await upload(circle)).json();
    expect((await notices(near.token)).map((n) => n.id)).toEqual([noticeId]);
    expect(await notices(far.token)).toEqual([]);
    expect(await notices(named.token)).toEqual([]);
    // two-languages.xml names 河口县河口镇 and geocode 532532 but the station stands outside the polygon.
    const byName = await (await upload(variant('two-languages.xml', fresh('HK-NAME')))).json();
    expect((await notices(named.token)).map((n) => n.id)).toEqual([byName.noticeId]);
    const coded = await enroll(fresh('coded'));
    await send('PUT', `/admin/stations/${coded.stationId}/place`, {
      place: { town: '别处', lat: 10, lon: 10, geocode: '532532100' },
    });
    expect((await notices(coded.token)).map((n) => n.id)).toContain(byName.noticeId);
  });

  it('holds a Moderate alert for approval under the default policy; a group may send all at once', async () => {
    const group = fresh('waits');
    const quick = fresh('quick');
    const station = await stationAt(group, 22.5, 103.95);
    const other = await stationAt(quick, 22.5, 103.95);
    expect(
      (
        await send('PUT', `/admin/groups/${quick}/alert-settings`, {
          policy: 'all',
          chime: false,
          testGroup: false,
          place: null,
        })
      ).status,
    ).toBe(200);
    const moderate = variant('two-languages.xml', fresh('HK-MOD'), [
      ['<severity>Severe</severity>', '<severity>Moderate</severity>'],
    ]);
    const { noticeId } = await (await upload(moderate)).json();
    expect(await notices(station.token)).toEqual([]);
    const quickConfig = await config(other.token);
    expect(quickConfig.notices.map((n: Notice) => n.id)).toEqual([noticeId]);
    expect(quickConfig.chime).toBe(false);
    const listed = (await (await api('/admin/notices', { headers: editor })).json()).find(
      (n: { notice: Notice }) => n.notice.id === noticeId,
    );
    expect(listed).toMatchObject({ origin: 'cap', approvedAt: null });
    const mine = (xs: Array<{ group: string }>) => xs.filter((x) => x.group === group || x.group === quick);
    expect(mine(listed.reach.waiting)).toEqual([{ group, stations: 1 }]);
    expect(mine(listed.reach.shown)).toEqual([{ group: quick, stations: 1 }]);

    expect(
      (await send('POST', `/admin/notices/${noticeId}/approve`, {}, await hub.login('viewer'))).status,
    ).toBe(403);
    const approved = await send('POST', `/admin/notices/${noticeId}/approve`, {}, editor);
    expect(approved.status).toBe(200);
    expect((await notices(station.token)).map((n) => n.id)).toEqual([noticeId]);
    expect((await audit()).some((e) => e.action === 'notice.approved' && e.detail.startsWith(noticeId))).toBe(
      true,
    );
  });

  it('shows Exercise and Test alerts only on a test group, marked as such', async () => {
    const normal = await enroll(fresh('plain'));
    const testGroup = fresh('drills');
    const tester = await enroll(testGroup);
    await send('PUT', `/admin/groups/${testGroup}/alert-settings`, {
      policy: 'severe',
      chime: true,
      testGroup: true,
      place: null,
    });
    const drill = variant('exercise.xml', fresh('DRILL'));
    const { noticeId } = await (await upload(drill)).json();
    expect(await notices(normal.token)).toEqual([]);
    expect((await notices(tester.token)).find((n) => n.id === noticeId)?.status).toBe('exercise');
  });

  it('refuses a bomb, a wrong status and an expired alert with the reason; ignores what is not for residents', async () => {
    const bomb = await upload(fixture('bomb.xml'));
    expect(bomb.status).toBe(422);
    expect(await bomb.json()).toMatchObject({ code: 'CAP_INVALID', reason: 'XML_DTD_REFUSED' });
    const wrong = await upload(variant('wrong-status.xml', fresh('BAD')));
    expect(await wrong.json()).toMatchObject({
      reason: 'CAP_INVALID',
      line: 7,
      message: expect.stringMatching(/^CAP_INVALID: status/),
    });
    const expired = await upload(variant('expired.xml', fresh('OLD')));
    expect(expired.status).toBe(422);
    expect(await expired.json()).toMatchObject({ reason: 'CAP_EXPIRED' });
    const system = variant('two-languages.xml', fresh('SYS'), [
      ['<status>Actual</status>', '<status>System</status>'],
    ]);
    expect(await (await upload(system)).json()).toMatchObject({ outcome: 'ignored' });
    const restricted = variant('two-languages.xml', fresh('RES'), [
      ['<scope>Public</scope>', '<scope>Restricted</scope>'],
    ]);
    expect(await (await upload(restricted)).json()).toMatchObject({ outcome: 'ignored' });
    expect((await upload('<alert/>', await hub.login('viewer'))).status).toBe(403);
    const json = await api('/admin/cap', { method: 'POST', headers: editor, body: '{}' });
    expect(json.status).toBe(415);
    const actions = (await audit()).map((e) => e.action);
    expect(actions).toContain('cap.refused');
    expect(actions).toContain('cap.ignored');
  });

  it('ignores an alert that arrives after its own Cancel', async () => {
    const group = fresh('late');
    const station = await stationAt(group, 22.5, 103.95);
    const id = fresh('HK-LATE');
    const cancel = variant('cancel.xml', fresh('HK-C'), [['HK-MET-2027-0612-001', id]]);
    expect(await (await upload(cancel)).json()).toMatchObject({ outcome: 'cancelled', noticeId: null });
    expect(await (await upload(variant('two-languages.xml', id))).json()).toMatchObject({
      outcome: 'duplicate',
    });
    expect(await notices(station.token)).toEqual([]);
  });
});

describe('partner API', () => {
  let partner: { key: { id: string }; secret: string };
  const call = (method: string, path: string, body?: unknown, secret = partner.secret) =>
    api(`/partner${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const partnerNotice = (groups: string[]) => ({
    severity: 'severe',
    urgency: 'immediate',
    headline: { 'zh-CN': '社区停水通知' },
    instruction: { 'zh-CN': '请提前储水。' },
    groups,
    expires: new Date(hub.clock.now.getTime() + 3_600_000).toISOString(),
  });
  let group: string;
  beforeEach(async () => {
    group = fresh('community');
    const res = await send('POST', '/admin/partner-keys', {
      name: '智慧社区平台',
      groups: [group],
      scopes: ['notices'],
    });
    expect(res.status).toBe(201);
    partner = await res.json();
    expect(partner.secret).toMatch(/^kpk_[A-Za-z0-9_-]{43}$/);
  });

  it('creates, updates and cancels notices in its groups only, and every call is audited', async () => {
    const station = await enroll(group);
    const created = await call('POST', '/notices', partnerNotice([group]));
    expect(created.status).toBe(201);
    const { notice } = await created.json();
    expect(notice.id).toMatch(/^p-/);
    expect((await notices(station.token)).map((n) => n.id)).toEqual([notice.id]);
    expect((await call('POST', '/notices', partnerNotice([fresh('elsewhere')]))).status).toBe(403);
    expect((await call('POST', '/notices', partnerNotice(['*']))).status).toBe(403);

    const changed = await call('PUT', `/notices/${notice.id}`, {
      ...partnerNotice([group]),
      headline: { 'zh-CN': '停水时间改为明天' },
    });
    expect(changed.status).toBe(200);
    expect((await notices(station.token))[0]).toMatchObject({
      revision: 2,
      headline: { 'zh-CN': '停水时间改为明天' },
    });
    const listed = await (await call('GET', '/notices')).json();
    expect(listed.map((n: { notice: Notice }) => n.notice.id)).toEqual([notice.id]);
    expect((await call('POST', `/notices/${notice.id}/cancel`, {})).status).toBe(200);
    expect(await notices(station.token)).toEqual([]);
    expect((await call('PUT', `/notices/${notice.id}`, partnerNotice([group]))).status).toBe(409);

    const calls = (await audit()).filter(
      (e) => e.action === 'partner.call' && e.detail.includes(partner.key.id),
    );
    expect(calls.map((e) => e.detail.match(/→ (\d+)/)?.[1]).sort()).toEqual(
      ['200', '200', '200', '201', '403', '403', '409'].sort(),
    );
  });

  it('cannot touch another key’s notices, nor send CAP without the scope; a revoked key is refused', async () => {
    const mine = await (await call('POST', '/notices', partnerNotice([group]))).json();
    const other = await (
      await send('POST', '/admin/partner-keys', { name: 'other', groups: [group], scopes: ['cap'] })
    ).json();
    expect((await call('POST', `/notices/${mine.notice.id}/cancel`, {}, other.secret)).status).toBe(403);
    const noCapScope = await api('/partner/cap', {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'application/cap+xml' },
      body: variant('two-languages.xml', fresh('NOPE')),
    });
    expect(noCapScope.status).toBe(403);
    const capCall = await api('/partner/cap', {
      method: 'POST',
      headers: { authorization: `Bearer ${other.secret}`, 'content-type': 'application/cap+xml' },
      body: variant('two-languages.xml', fresh('PARTNER')),
    });
    const cap = await capCall.json();
    expect(cap).toMatchObject({ outcome: 'created' });
    expect((await hub.store.warnings.scopedNotice(cap.noticeId))?.groups).toEqual([group]);
    expect((await send('POST', `/admin/partner-keys/${partner.key.id}/revoke`, {})).status).toBe(200);
    const revoked = await call('GET', '/notices');
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).code).toBe('TOKEN_REVOKED');
    expect((await call('GET', '/notices', undefined, `kpk_${'x'.repeat(43)}`)).status).toBe(401);
    expect(
      (await send('POST', '/admin/partner-keys', { name: 'x', groups: [group], scopes: ['notices'] }, editor))
        .status,
    ).toBe(403);
  });

  it('is rate limited per key', async () => {
    const limited = await startTestHub({ partnerRequestsPerMinute: 3 });
    try {
      const headers = await limited.login('admin');
      const made = await fetch(`${limited.url}/api/v1/admin/partner-keys`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'busy', groups: ['*'], scopes: ['notices'] }),
      });
      const { secret } = await made.json();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${limited.url}/api/v1/partner/notices`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
