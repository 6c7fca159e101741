import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
let root: Record<string, string>;
beforeAll(async () => {
  hub = await startTestHub();
  root = await hub.login('admin');
});
afterAll(() => hub.close());

const admin = (path: string, init: RequestInit = {}) => fetch(`${hub.url}/api/v1/admin${path}`, init);
const post = (path: string, body: unknown, headers = root) =>
  admin(path, { method: 'POST', headers, body: JSON.stringify(body) });
const login = (username: string, password: string) =>
  fetch(`${hub.url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
async function session(username: string, password: string) {
  const res = await login(username, password);
  expect(res.status).toBe(200);
  const { csrfToken } = await res.json();
  return {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': csrfToken,
    origin: hub.url,
    'content-type': 'application/json',
  };
}

describe('account management', () => {
  it('creates an account with a role, which can then sign in with that role', async () => {
    const res = await post('/accounts', { username: 'li.wei', password: 'river-bank-2026', role: 'editor' });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toEqual({
      id: expect.any(String),
      username: 'li.wei',
      role: 'editor',
      disabled: false,
      lockedUntil: null,
    });
    expect(JSON.stringify(await (await admin('/accounts', { headers: root })).json())).not.toMatch(/scrypt/);
    const me = await (await admin('/me', { headers: await session('li.wei', 'river-bank-2026') })).json();
    expect(me).toMatchObject({ username: 'li.wei', role: 'editor' });
    expect(
      (await post('/accounts', { username: 'li.wei', password: 'another-pass-1', role: 'viewer' })).status,
    ).toBe(409);
  });

  it('refuses weak passwords and odd usernames, and non-admins', async () => {
    const short = await post('/accounts', { username: 'wang', password: 'short', role: 'viewer' });
    expect(await short.json()).toMatchObject({ code: 'PASSWORD_WEAK' });
    const same = await post('/accounts', { username: 'wangfang', password: 'wangfang-123', role: 'viewer' });
    expect(await same.json()).toMatchObject({ code: 'PASSWORD_WEAK' });
    const odd = await post('/accounts', { username: 'a b', password: 'long-enough-1', role: 'viewer' });
    expect(odd.status).toBe(400);
    const editor = await hub.login('editor');
    expect(
      (await post('/accounts', { username: 'x-y-z', password: 'long-enough-1', role: 'admin' }, editor))
        .status,
    ).toBe(403);
    expect((await admin('/accounts', { headers: editor })).status).toBe(403);
  });

  it('resets a password: the old one stops working and its sessions end', async () => {
    const { id } = await (
      await post('/accounts', { username: 'zhao', password: 'first-password-1', role: 'viewer' })
    ).json();
    const old = await session('zhao', 'first-password-1');
    const res = await post(`/accounts/${id}/password`, { password: 'second-password-2' });
    expect(res.status).toBe(200);
    expect((await admin('/me', { headers: old })).status).toBe(401);
    expect((await login('zhao', 'first-password-1')).status).toBe(401);
    expect((await login('zhao', 'second-password-2')).status).toBe(200);
  });

  it('disables an account: it is signed out and cannot sign in; enabling restores it', async () => {
    const { id } = await (
      await post('/accounts', { username: 'chen', password: 'lotus-pond-77a', role: 'editor' })
    ).json();
    const live = await session('chen', 'lotus-pond-77a');
    expect((await post(`/accounts/${id}/disable`, {})).status).toBe(200);
    expect((await admin('/me', { headers: live })).status).toBe(401);
    const refused = await login('chen', 'lotus-pond-77a');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect((await post(`/accounts/${id}/enable`, {})).status).toBe(200);
    expect((await login('chen', 'lotus-pond-77a')).status).toBe(200);
    const me = await (await admin('/me', { headers: root })).json();
    const self = (await (await admin('/accounts', { headers: root })).json()).find(
      (a: { username: string }) => a.username === me.username,
    );
    expect((await post(`/accounts/${self.id}/disable`, {})).status).toBe(409);
  });

  it('changes a role', async () => {
    const { id } = await (
      await post('/accounts', { username: 'sun', password: 'mountain-pass-9', role: 'viewer' })
    ).json();
    expect(await (await post(`/accounts/${id}/role`, { role: 'editor' })).json()).toMatchObject({
      role: 'editor',
    });
  });

  it('lets anyone change their own password with the current one; other sessions end', async () => {
    await post('/accounts', { username: 'zhou', password: 'banana-leaf-31', role: 'viewer' });
    const mine = await session('zhou', 'banana-leaf-31');
    const other = await session('zhou', 'banana-leaf-31');
    const wrong = await post('/me/password', { current: 'nope', next: 'banana-leaf-32' }, mine);
    expect(wrong.status).toBe(403);
    const weak = await post('/me/password', { current: 'banana-leaf-31', next: 'short' }, mine);
    expect(weak.status).toBe(400);
    const ok = await post('/me/password', { current: 'banana-leaf-31', next: 'a-better-pass-2' }, mine);
    expect(ok.status).toBe(200);
    expect((await admin('/me', { headers: mine })).status).toBe(200);
    expect((await admin('/me', { headers: other })).status).toBe(401);
    expect((await login('zhou', 'a-better-pass-2')).status).toBe(200);
  });

  it('audits every account action with the username', async () => {
    const log = await (await admin('/audit', { headers: root })).json();
    const actions = new Set(log.map((e: { action: string }) => e.action));
    for (const a of [
      'account.created',
      'account.password_reset',
      'account.disabled',
      'account.enabled',
      'account.role',
      'account.password_changed',
    ]) {
      expect(actions, a).toContain(a);
    }
    expect(log.find((e: { action: string }) => e.action === 'account.created')?.username).toMatch(/^admin-/);
  });
});
