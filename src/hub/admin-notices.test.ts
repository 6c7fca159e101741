import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
let editor: Record<string, string>;
beforeAll(async () => {
  hub = await startTestHub({ publish: true });
  editor = await hub.login('editor');
});
afterAll(() => hub.close());

const admin = (path: string, init: RequestInit = {}) => fetch(`${hub.url}/api/v1/admin${path}`, init);
const send = (method: string, path: string, body: unknown, headers = editor) =>
  admin(path, { method, headers, body: JSON.stringify(body) });
const stationConfig = async (token: string) =>
  (await fetch(`${hub.url}/api/v1/station/config`, { headers: { authorization: `Bearer ${token}` } })).json();

const notice = (groups: string[], minutes = 60) => ({
  severity: 'severe',
  urgency: 'immediate',
  headline: { 'zh-CN': '红河水位上涨', vi: 'Nước sông Hồng dâng cao', en: 'Red River is rising' },
  instruction: {
    'zh-CN': '请远离河边，听从村委会安排。',
    vi: 'Hãy tránh xa bờ sông.',
    en: 'Keep away from the riverbank.',
  },
  groups,
  expires: new Date(hub.clock.now.getTime() + minutes * 60_000).toISOString(),
});

describe('emergency notices', () => {
  it('sends a notice to a group’s kiosks, lists it, and cancels it', async () => {
    const { token } = await hub.enroll('hekou');
    const { token: elsewhere } = await hub.enroll('nanxi');
    const res = await send('POST', '/notices', notice(['hekou']));
    expect(res.status).toBe(201);
    const { notice: sent } = await res.json();
    expect(sent.id).toMatch(/^n-/);
    expect((await stationConfig(token)).notices).toEqual([sent]);
    expect((await stationConfig(elsewhere)).notices).toEqual([]);

    const listed = await (await admin('/notices', { headers: editor })).json();
    expect(listed[0]).toMatchObject({ notice: sent, groups: ['hekou'], state: 'active', cancelledAt: null });

    const cancel = await send('POST', `/notices/${sent.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect((await stationConfig(token)).notices).toEqual([]);
    const after = await (await admin('/notices', { headers: editor })).json();
    expect(after[0].state).toBe('cancelled');
    expect((await send('POST', '/notices/n-nope/cancel', {})).status).toBe(404);
  });

  it('lets a notice expire on its own', async () => {
    const { token } = await hub.enroll('expiry');
    await send('POST', '/notices', notice(['*'], 30));
    expect((await stationConfig(token)).notices).toHaveLength(1);
    hub.clock.now = new Date(hub.clock.now.getTime() + 31 * 60_000);
    expect((await stationConfig(token)).notices).toEqual([]);
    const listed = await (await admin('/notices', { headers: editor })).json();
    expect(listed.find((n: { groups: string[] }) => n.groups.includes('*'))?.state).toBe('expired');
  });

  it('refuses incomplete or impossible notices with the reason, and viewers', async () => {
    const missingVi = { ...notice(['hekou']), headline: { 'zh-CN': '水位', vi: ' ', en: 'Water' } };
    const bad = await send('POST', '/notices', missingVi);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'BODY_INVALID',
      message: expect.stringMatching(/headline\.vi/),
    });
    const past = await send('POST', '/notices', notice(['hekou'], -5));
    expect(past.status).toBe(400);
    expect((await past.json()).message).toMatch(/expires/);
    const noGroups = await send('POST', '/notices', notice([]));
    expect((await noGroups.json()).message).toMatch(/group/);
    expect((await send('POST', '/notices', notice(['hekou']), await hub.login('viewer'))).status).toBe(403);
  });
});

describe('station group settings', () => {
  const config = {
    idleSeconds: 120,
    warningSeconds: 30,
    defaultLocale: 'vi',
    defaultTextSize: 'large',
    enabledTopics: ['health', 'emergency'],
    featured: ['boil-water'],
  };

  it('sets a group’s config; its kiosks get it; others keep the defaults', async () => {
    const headers = await hub.login('admin');
    const { token } = await hub.enroll('lianhua');
    const { token: other } = await hub.enroll('bajie');
    const res = await send('PUT', '/groups/lianhua/config', config, headers);
    expect(res.status).toBe(200);
    expect(await stationConfig(token)).toMatchObject(config);
    expect(await stationConfig(other)).toMatchObject({
      idleSeconds: 90,
      defaultLocale: 'zh-CN',
      featured: [],
    });
    const groups = await (await admin('/groups', { headers })).json();
    expect(groups.find((g: { group: string }) => g.group === 'lianhua')).toMatchObject({
      stations: 1,
      config,
    });
    expect(groups.find((g: { group: string }) => g.group === 'bajie')).toMatchObject({ config: null });
  });

  it('refuses bad settings with reasons, and non-admins', async () => {
    const headers = await hub.login('admin');
    const cases: Array<[object, RegExp]> = [
      [{ ...config, idleSeconds: 5 }, /idleSeconds/],
      [{ ...config, warningSeconds: 10 }, /warningSeconds/],
      [{ ...config, enabledTopics: [] }, /enabledTopics/],
      [{ ...config, enabledTopics: ['cooking'] }, /enabledTopics/],
      [{ ...config, featured: ['no-such-article'] }, /featured: no article no-such-article/],
      [{ ...config, colour: 'red' }, /colour/],
    ];
    for (const [body, reason] of cases) {
      const res = await send('PUT', '/groups/lianhua/config', body, headers);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).message).toMatch(reason);
    }
    expect((await send('PUT', '/groups/lianhua/config', config, editor)).status).toBe(403);
  });
});
