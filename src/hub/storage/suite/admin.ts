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
      expect(admin).toMatchObject({ role: 'editor', failedLogins: 0, lockedUntil: null });
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
