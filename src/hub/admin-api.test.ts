import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/secrets.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.close());

const api = (path: string, init: RequestInit = {}) => fetch(`${hub.url}/api/v1/admin${path}`, init);

describe('admin access', () => {
  it('answers 401 on every admin route without a session', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/me'],
      ['GET', '/stations'],
      ['POST', '/stations'],
      ['POST', '/stations/x/enrollment-code'],
      ['POST', '/stations/x/revoke'],
      ['GET', '/stations/x/heartbeats'],
      ['GET', '/usage?from=2026-01-01&to=2026-01-02'],
      ['GET', '/audit'],
      ['POST', '/logout'],
    ];
    for (const [method, path] of routes) {
      const res = await api(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it('gives a viewer the figures but 403 on changes', async () => {
    const headers = await hub.login('viewer');
    expect((await api('/stations', { headers })).status).toBe(200);
    const res = await api('/stations', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'x', town: 'y', group: 'z' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a cross-site form post and a change without the CSRF token', async () => {
    const headers = await hub.login('admin');
    const body = JSON.stringify({ name: '站', town: '镇', group: 'g' });
    const crossSite = await api('/stations', {
      method: 'POST',
      headers: { ...headers, origin: 'https://evil.example' },
      body,
    });
    expect(crossSite.status).toBe(403);
    const before = (await hub.store.listStations()).length;
    const form = await api('/stations', {
      method: 'POST',
      headers: {
        cookie: headers.cookie ?? '',
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      },
      body: 'name=x&town=y&group=z',
    });
    // Refused before it reaches the route (form bodies are not accepted at all).
    expect([403, 415]).toContain(form.status);
    expect((await hub.store.listStations()).length).toBe(before);
    const { 'x-csrf-token': _, ...noCsrf } = headers;
    expect((await api('/stations', { method: 'POST', headers: noCsrf, body })).status).toBe(403);
    expect((await api('/stations', { method: 'POST', headers, body })).status).toBe(200);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and signs out', async () => {
    await hub.store.createAdmin({
      username: 'cookie-check',
      passwordHash: await hashPassword('pw-123456'),
      role: 'viewer',
    });
    const res = await api('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cookie-check', password: 'pw-123456' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const headers = {
      cookie: cookie.split(';')[0] ?? '',
      'x-csrf-token': (await res.json()).csrfToken,
      origin: hub.url,
    };
    expect((await api('/logout', { method: 'POST', headers })).status).toBe(204);
    expect((await api('/me', { headers })).status).toBe(401);
  });

  it('locks an account after five wrong passwords', async () => {
    const username = `lock-${Date.now()}`;
    await hub.store.createAdmin({
      username,
      passwordHash: await hashPassword('right-password'),
      role: 'viewer',
    });
    const attempt = (password: string) =>
      api('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).status).toBe(401);
    const locked = await attempt('right-password');
    expect(locked.status).toBe(429);
    hub.clock.now = new Date(hub.clock.now.getTime() + 16 * 60_000);
    expect((await attempt('right-password')).status).toBe(200);
  });
});

describe('fleet and usage figures', () => {
  it('shows station state and the same numbers as JSON and CSV', async () => {
    const { stationId, token } = await hub.enroll('hekou');
    const day = hub.clock.now.toISOString().slice(0, 10);
    await fetch(`${hub.url}/api/v1/usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        batchId: crypto.randomUUID(),
        counters: [
          { day, metric: 'article_open', key: 'flood-safety', count: 7 },
          { day, metric: 'article_open', key: 'heat-illness', count: 2 },
          { day, metric: 'language', key: 'vi', count: 4 },
        ],
      }),
    });
    await fetch(`${hub.url}/api/v1/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        appVersion: '1',
        packVersion: 1,
        lastUpdate: null,
        errors: [],
        storage: null,
        queue: 0,
      }),
    });
    const headers = await hub.login('viewer');
    const stations = await (await api('/stations', { headers })).json();
    expect(stations.find((s: { id: string }) => s.id === stationId)?.state).toBe('online');

    const query = `from=${day}&to=${day}&by=metric,key&station=${stationId}`;
    const json = await (await api(`/usage?${query}`, { headers })).json();
    expect(json.rows).toEqual([
      { metric: 'article_open', key: 'flood-safety', count: 7 },
      { metric: 'article_open', key: 'heat-illness', count: 2 },
      { metric: 'language', key: 'vi', count: 4 },
    ]);
    const csv = await (await api(`/usage?${query}&format=csv`, { headers })).text();
    expect(csv.replace('\ufeff', '')).toBe(
      'metric,key,count\r\narticle_open,flood-safety,7\r\narticle_open,heat-illness,2\r\nlanguage,vi,4\r\n',
    );
    expect((await api(`/usage?from=${day}&to=${day}&by=face`, { headers })).status).toBe(400);
  });

  it('keeps an audit log of admin actions', async () => {
    const headers = await hub.login('admin');
    await api('/stations', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: '审计站', town: '镇', group: 'g' }),
    });
    const log = await (await api('/audit', { headers })).json();
    expect(log.map((e: { action: string }) => e.action)).toContain('station.created');
  });
});
