import { describe, expect, it } from 'vitest';
import { at, expectCode, hash, type SuiteContext, unique } from './fixtures.ts';

/** Admin accounts, login failures and locks, sessions and the audit log. */
export function adminTests(ctx: SuiteContext): void {
  const newAdmin = (username = unique('admin')) =>
    ctx.store().createAdmin({ username, passwordHash: `scrypt$${hash()}`, role: 'editor' });

  describe('admins', () => {
    it('creates an admin and finds it by username; usernames are unique', async () => {
      const store = ctx.store();
      const admin = await newAdmin();
      expect(admin).toMatchObject({ role: 'editor', failedLogins: 0, lockedUntil: null, disabled: false });
      expect(await store.adminById(admin.id)).toEqual(admin);
      expect(await store.adminById(unique('nobody'))).toBeNull();
      expect(await store.adminByUsername(admin.username)).toEqual(admin);
      expect(await store.adminByUsername(unique('nobody'))).toBeNull();
      await expectCode(newAdmin(admin.username), 'CONFLICT');
    });

    it('counts login failures, locks and resets', async () => {
      const store = ctx.store();
      const { username } = await newAdmin();
      expect(await store.recordLoginFailure(username, at(1))).toBe(1);
      expect(await store.recordLoginFailure(username, at(2))).toBe(2);
      expect(await store.recordLoginFailure(unique('nobody'), at(2))).toBe(0);
      await store.lockAdmin(username, at(17));
      expect(await store.adminByUsername(username)).toMatchObject({ failedLogins: 2, lockedUntil: at(17) });
      await store.resetLoginFailures(username);
      expect(await store.adminByUsername(username)).toMatchObject({ failedLogins: 0, lockedUntil: null });
    });

    it('lists accounts by username and changes password, role and disabled flag', async () => {
      const store = ctx.store();
      const b = await newAdmin(unique('zz-b'));
      const a = await newAdmin(unique('zz-a'));
      const names = (await store.listAdmins()).map((x) => x.username);
      expect(names.indexOf(a.username)).toBeLessThan(names.indexOf(b.username));
      expect(await store.updateAdmin(a.id, { passwordHash: 'scrypt$new' })).toEqual({
        ...a,
        passwordHash: 'scrypt$new',
      });
      expect(await store.updateAdmin(a.id, { role: 'viewer', disabled: true })).toMatchObject({
        passwordHash: 'scrypt$new',
        role: 'viewer',
        disabled: true,
      });
      expect((await store.adminByUsername(a.username))?.disabled).toBe(true);
      expect(await store.updateAdmin(a.id, { disabled: false })).toMatchObject({ disabled: false });
      expect(await store.updateAdmin(unique('nobody'), { disabled: true })).toBeNull();
    });
  });

  describe('sessions', () => {
    it('finds a live session with its admin, not an expired or deleted one', async () => {
      const store = ctx.store();
      const admin = await newAdmin();
      const session = { idHash: hash(), adminId: admin.id, csrfToken: hash(), expiresAt: at(30) };
      await store.createSession(session);
      expect(await store.sessionByIdHash(session.idHash, at(29))).toEqual({ ...session, admin });
      expect(await store.sessionByIdHash(session.idHash, at(30))).toBeNull();
      expect(await store.sessionByIdHash(hash(), at())).toBeNull();
      await store.deleteSession(session.idHash);
      expect(await store.sessionByIdHash(session.idHash, at())).toBeNull();
    });

    it("ends an account's sessions except the one kept, and hides a disabled account's sessions", async () => {
      const store = ctx.store();
      const admin = await newAdmin();
      const mine = { idHash: hash(), adminId: admin.id, csrfToken: hash(), expiresAt: at(30) };
      const other = { idHash: hash(), adminId: admin.id, csrfToken: hash(), expiresAt: at(30) };
      await store.createSession(mine);
      await store.createSession(other);
      await store.deleteSessionsOf(admin.id, mine.idHash);
      expect(await store.sessionByIdHash(other.idHash, at())).toBeNull();
      expect(await store.sessionByIdHash(mine.idHash, at())).not.toBeNull();
      await store.updateAdmin(admin.id, { disabled: true });
      expect(await store.sessionByIdHash(mine.idHash, at())).toBeNull();
      await store.updateAdmin(admin.id, { disabled: false });
      await store.deleteSessionsOf(admin.id);
      expect(await store.sessionByIdHash(mine.idHash, at())).toBeNull();
    });

    it('refuses a session for an unknown admin', async () => {
      const session = { idHash: hash(), adminId: 'no-such-admin', csrfToken: hash(), expiresAt: at(30) };
      await expectCode(ctx.store().createSession(session), 'NOT_FOUND');
    });
  });

  describe('audit log', () => {
    it('returns the newest entries first, up to the limit', async () => {
      const store = ctx.store();
      const admin = await newAdmin();
      // Far in the future, so these are the newest entries whatever other tests wrote.
      const future = (n: number) => new Date(Date.UTC(2999, 0, 1, 0, n));
      await store.audit({ adminId: admin.id, action: 'release.activate', detail: 'v1', at: future(1) });
      await store.audit({ adminId: null, action: 'station.enrolled', detail: 's1', at: future(3) });
      await store.audit({ adminId: admin.id, action: 'admin.login', detail: admin.username, at: future(2) });
      await store.audit({ adminId: admin.id, action: 'admin.logout', detail: admin.username, at: future(3) });
      expect(await store.auditLog(3)).toEqual([
        { adminId: admin.id, action: 'admin.logout', detail: admin.username, at: future(3) },
        { adminId: null, action: 'station.enrolled', detail: 's1', at: future(3) },
        { adminId: admin.id, action: 'admin.login', detail: admin.username, at: future(2) },
      ]);
    });
  });
}
