import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { type KeyHolder, nextRoot, roleHolders } from '../../content-kit/trust-sign.ts';
import { fromBase64 } from '../../protocol/encoding.ts';
import { keyIdOf, type SubtleLike } from '../../protocol/pack-verify.ts';
import {
  HolderSchema,
  KeyIdSchema,
  PublicKeySchema,
  type RoleName,
  type Root,
} from '../../protocol/trust-metadata.ts';
import { trustCrypto } from '../../protocol/trust-verify.ts';
import { requireAdmin } from '../auth/admin-auth.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { releaseFiles } from '../publish.ts';
import { releaseManifest } from '../release-manifest.ts';
import { HUB_HOLDER } from '../trust/setup.ts';
import { summarizeTrust } from '../trust/trust-summary.ts';

const DAY_MS = 86_400_000;
const subtle = globalThis.crypto.subtle as unknown as SubtleLike;
const crypto = trustCrypto(subtle);

/** What a guided rotation changes. */
const DraftSchema = v.strictObject({
  /** Replace the content keys this hub holds with a new one it makes (desk keys stay). */
  newContentKey: v.optional(v.boolean(), false),
  /** Replace the timestamp keys with a new one this hub makes. */
  newTimestampKey: v.optional(v.boolean(), false),
  /** Root keys to drop (a holder who left, a lost USB stick). */
  removeRootKeys: v.optional(v.pipe(v.array(KeyIdSchema), v.maxLength(16)), []),
  /** Root keys to add: made offline with `npm run keys -- new`, by name and public key. */
  addRootKeys: v.optional(
    v.pipe(v.array(v.strictObject({ holder: HolderSchema, publicKey: PublicKeySchema })), v.maxLength(16)),
    [],
  ),
  rootThreshold: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16))),
  /** Days until the new root expires. */
  validDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(30), v.maxValue(5 * 365)), 365),
});

const sameRole = (a: Root, b: Root, role: RoleName) =>
  a.roles[role].threshold === b.roles[role].threshold &&
  JSON.stringify([...a.roles[role].keyids].sort()) === JSON.stringify([...b.roles[role].keyids].sort());

/**
 * The console's Keys page: the chain and who holds which key, a guided rotation (the hub makes
 * the draft of root N+1 and any new online key; the root key holders sign it offline with the
 * CLI), and the upload of the signed root.
 */
export function adminTrustRoutes(app: FastifyInstance, ctx: HubContext): void {
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  async function summary() {
    const chain = await ctx.trust.chain();
    const rows = await ctx.store.trust.listRoots();
    return summarizeTrust(
      crypto,
      chain,
      rows.map((r) => r.addedAt),
      {
        online: ctx.trust.onlineKeyIds(),
        timestampHours: ctx.trust.timestampHours,
        demo: ctx.settings.demoTrust ?? false,
      },
    );
  }

  app.get('/api/v1/admin/trust', async (request) => {
    await requireAdmin(ctx, request, 'viewer');
    return summary();
  });

  app.post('/api/v1/admin/trust/drafts', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const body = parseInput(DraftSchema, request.body ?? {});
    const current = await ctx.trust.root();
    const online = ctx.trust.onlineKeyIds();
    const now = ctx.now();

    const rootKeys: KeyHolder[] = roleHolders(current, 'root').filter(
      (k) => !body.removeRootKeys.includes(k.keyId),
    );
    for (const added of body.addRootKeys) {
      const keyId = await keyIdOf(subtle, fromBase64(added.publicKey));
      if (!rootKeys.some((k) => k.keyId === keyId))
        rootKeys.push({ keyId, publicKey: added.publicKey, holder: added.holder });
    }
    const replaceOnline = async (role: 'content' | 'timestamp') => {
      const kept = roleHolders(current, role).filter((k) => !online.has(k.keyId));
      const made = await ctx.trust.makeOnlineKey(role);
      const keys = [{ keyId: made.keyId, publicKey: made.publicKey, holder: HUB_HOLDER }, ...kept];
      return { keys, threshold: Math.min(current.roles[role].threshold, keys.length) };
    };
    let next: Root;
    try {
      next = nextRoot(
        current,
        {
          root: {
            keys: rootKeys,
            threshold: body.rootThreshold ?? Math.min(current.roles.root.threshold, rootKeys.length),
          },
          ...(body.newContentKey ? { content: await replaceOnline('content') } : {}),
          ...(body.newTimestampKey ? { timestamp: await replaceOnline('timestamp') } : {}),
          expires: new Date(now.getTime() + body.validDays * DAY_MS),
        },
        now,
      );
    } catch (error) {
      throw new HttpError(400, 'BODY_INVALID', error instanceof Error ? error.message : String(error));
    }
    await audit(adminId, 'trust.draft', `root ${next.version}`);
    const holders = (root: Root) => roleHolders(root, 'root').map(({ keyId, holder }) => ({ keyId, holder }));
    return {
      draft: { signed: next, signatures: [] },
      fileName: `${next.version}.root.json`,
      previous: { version: current.version, threshold: current.roles.root.threshold, keys: holders(current) },
      next: { version: next.version, threshold: next.roles.root.threshold, keys: holders(next) },
    };
  });

  app.post('/api/v1/admin/trust/roots', { bodyLimit: 64 * 1024 }, async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'admin');
    const previous = await ctx.trust.root();
    const next = (await ctx.trust.addRoot(request.body)).signed;
    await audit(adminId, 'trust.root', `root ${next.version} (signed offline) is now the root of trust`);
    // Content signed by a dropped key is refused by kiosks at once: sign what is live again.
    if (!sameRole(previous, next, 'content')) {
      const keys = await ctx.trust.contentKeys().catch(() => null);
      if (keys) {
        for (const release of (await ctx.store.listReleases()).filter((r) => r.activeGroups.length > 0)) {
          const again = await releaseFiles({
            store: ctx.store,
            blobs: ctx.blobs,
            key: keys,
            files: releaseManifest(release.manifestJson).manifest.files,
            groups: release.activeGroups,
            note: `release ${release.version} signed again with root ${next.version}'s content key`,
            now: ctx.now(),
          });
          await audit(adminId, 'release.resigned', `${release.version} as ${again.version}`);
        }
      }
    }
    return summary();
  });
}
