import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { requireAdmin, SESSION_COOKIE } from '../auth/admin-auth.ts';
import { hashPassword, sha256, verifyPassword } from '../auth/secrets.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import type { Admin } from '../storage/store.ts';

const MIN_PASSWORD = 10;
const Password = v.pipe(v.string(), v.maxLength(200));
const Role = v.picklist(['admin', 'editor', 'viewer']);
const NewAccountSchema = v.strictObject({
  username: v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^[A-Za-z0-9._-]{3,32}$/, 'use 3 to 32 letters, digits, dots, dashes or underscores'),
  ),
  password: Password,
  role: Role,
});
const ResetSchema = v.strictObject({ password: Password });
const RoleSchema = v.strictObject({ role: Role });
const ChangeOwnSchema = v.strictObject({ current: Password, next: Password });

/** Refuses passwords that are too short or are the username. */
function checkStrength(password: string, username: string): void {
  if ([...password].length < MIN_PASSWORD) {
    throw new HttpError(400, 'PASSWORD_WEAK', `a password needs at least ${MIN_PASSWORD} characters`);
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new HttpError(400, 'PASSWORD_WEAK', 'a password must not contain the username');
  }
}

/** An account as the console shows it: never the password hash. */
function account(admin: Admin) {
  return {
    id: admin.id,
    username: admin.username,
    role: admin.role,
    disabled: admin.disabled,
    lockedUntil: admin.lockedUntil,
  };
}

/** Accounts: the admin role creates accounts, resets passwords, disables; everyone changes their own password. */
export function adminAccountRoutes(app: FastifyInstance, ctx: HubContext): void {
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  async function target(id: string): Promise<Admin> {
    const admin = await ctx.store.adminById(id);
    if (!admin) throw new HttpError(404, 'NOT_FOUND', 'no such account');
    return admin;
  }

  app.get('/api/v1/admin/accounts', async (request) => {
    await requireAdmin(ctx, request, 'admin');
    return (await ctx.store.listAdmins()).map(account);
  });

  app.post('/api/v1/admin/accounts', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const input = parseInput(NewAccountSchema, request.body);
    checkStrength(input.password, input.username);
    const created = await ctx.store.createAdmin({
      username: input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
    });
    await audit(adminId, 'account.created', `${created.username} ${created.role}`);
    return reply.status(201).send(account(created));
  });

  app.post('/api/v1/admin/accounts/:id/password', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const admin = await target((request.params as { id: string }).id);
    const { password } = parseInput(ResetSchema, request.body);
    checkStrength(password, admin.username);
    await ctx.store.updateAdmin(admin.id, { passwordHash: await hashPassword(password) });
    await ctx.store.resetLoginFailures(admin.username);
    // Whoever knew the old password is signed out everywhere.
    await ctx.store.deleteSessionsOf(admin.id);
    await audit(adminId, 'account.password_reset', admin.username);
    return account((await ctx.store.adminById(admin.id)) ?? admin);
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/api/v1/admin/accounts/:id/${path}`, async (request) => {
      const { adminId } = await requireAdmin(ctx, request, 'admin');
      const admin = await target((request.params as { id: string }).id);
      if (admin.id === adminId) throw new HttpError(409, 'CONFLICT', 'you cannot disable your own account');
      const updated = await ctx.store.updateAdmin(admin.id, { disabled });
      if (disabled) await ctx.store.deleteSessionsOf(admin.id);
      await audit(adminId, disabled ? 'account.disabled' : 'account.enabled', admin.username);
      return account(updated ?? admin);
    });
  }

  app.post('/api/v1/admin/accounts/:id/role', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const admin = await target((request.params as { id: string }).id);
    const { role } = parseInput(RoleSchema, request.body);
    if (admin.id === adminId) throw new HttpError(409, 'CONFLICT', 'you cannot change your own role');
    const updated = await ctx.store.updateAdmin(admin.id, { role });
    await audit(adminId, 'account.role', `${admin.username} ${role}`);
    return account(updated ?? admin);
  });

  app.post(
    '/api/v1/admin/me/password',
    { config: { rateLimit: { max: ctx.settings.authAttemptsPerMinute ?? 10, timeWindow: '1 minute' } } },
    async (request) => {
      const session = await requireAdmin(ctx, request);
      const { current, next } = parseInput(ChangeOwnSchema, request.body);
      if (!(await verifyPassword(current, session.admin.passwordHash))) {
        throw new HttpError(403, 'FORBIDDEN', 'the current password is wrong');
      }
      checkStrength(next, session.admin.username);
      await ctx.store.updateAdmin(session.adminId, { passwordHash: await hashPassword(next) });
      // Other browsers signed in as this account are signed out; this one stays.
      await ctx.store.deleteSessionsOf(session.adminId, sha256(request.cookies[SESSION_COOKIE] ?? ''));
      await audit(session.adminId, 'account.password_changed', session.admin.username);
      return { changed: true };
    },
  );
}
