import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { PackFile } from '../../protocol/pack-manifest.ts';
import { makeZip } from '../archive.ts';
import { requireAdmin } from '../auth/admin-auth.ts';
import { type DraftData, loadDraft, saveDraft, stageUpload } from '../drafts.ts';
import type { HubContext } from '../http/context.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import { recordRelease, releaseFiles } from '../publish.ts';
import { diffReleases } from '../release-diff.ts';
import { releaseManifest } from '../release-manifest.ts';
import type { Release } from '../storage/store.ts';
import { contentBytes } from '../trust/hub-trust.ts';

/** Largest upload accepted (compressed); the archive may unpack to 64 MB as well. */
const UPLOAD_LIMIT = 64 * 1024 * 1024;
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/** A station group name, or `*` for every group. */
export const GroupName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(60),
  v.check((g) => g === '*' || !g.includes('*'), 'a group is * or a name without *'),
);
const Groups = v.pipe(v.array(GroupName), v.minLength(1, 'choose at least one group'), v.maxLength(50));
const PublishSchema = v.strictObject({
  groups: Groups,
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
});
const RollbackSchema = v.strictObject({ groups: v.optional(Groups) });
const VersionParam = v.strictObject({
  version: v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,15}$/), v.transform(Number)),
});

/** A release's manifest files and signature key. */
function manifestOf(release: Pick<Release, 'manifestJson'>): {
  files: PackFile[];
  keyId: string;
  expires: string;
} {
  const { manifest, keyIds } = releaseManifest(release.manifestJson);
  return { files: manifest.files, keyId: keyIds.join(', '), expires: manifest.expires };
}

/** What the console shows about a release. */
function summary(release: Release) {
  const { files, keyId, expires } = manifestOf(release);
  return {
    version: release.version,
    createdAt: release.createdAt,
    note: release.note,
    publishedGroups: release.publishedGroups,
    activeGroups: release.activeGroups,
    keyId,
    expires,
    files: files.length,
    bytes: files.reduce((n, f) => n + f.size, 0),
    articles: files.filter((f) => /^articles\/.+\.zh-CN\.json$/.test(f.path)).length,
  };
}

/** Content publishing: drafts from uploads, their diff and preview, releases, rollback, export. */
export function adminContentRoutes(app: FastifyInstance, ctx: HubContext): void {
  const audit = (adminId: string, action: string, detail: string) =>
    ctx.store.audit({ adminId, action, detail, at: ctx.now() });

  app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  async function findRelease(version: number): Promise<Release> {
    const release = (await ctx.store.listReleases()).find((r) => r.version === version);
    if (!release) throw new HttpError(404, 'NOT_FOUND', `no release ${version}`);
    return release;
  }

  async function diffAgainst(files: readonly PackFile[], group: string) {
    const live = await ctx.store.activeRelease(group);
    return diffReleases(
      ctx.blobs,
      files,
      live ? { version: live.version, files: manifestOf(live).files } : null,
    );
  }

  const groupQuery = (query: unknown) => {
    const group = (query as { group?: unknown }).group;
    return group === undefined ? '*' : parseInput(GroupName, group);
  };

  async function draftView(id: string, draft: DraftData & { createdAt: Date }, group: string) {
    const { manifestJson: _, ...rest } = draft;
    const latest = (await ctx.store.listReleases())[0]?.version ?? 0;
    return {
      id,
      ...rest,
      // An offline-signed pack keeps its version; kiosks refuse one that is not above the live one.
      versionTooLow: draft.kind === 'pack' && (draft.version ?? 0) <= latest,
      diff: await diffAgainst(draft.files, group),
      group,
    };
  }

  app.post(
    '/api/v1/admin/drafts',
    {
      bodyLimit: UPLOAD_LIMIT,
      // Refuse strangers before reading up to 64 MB of body.
      onRequest: async (request) => void (await requireAdmin(ctx, request, 'editor')),
    },
    async (request, reply) => {
      const { adminId } = await requireAdmin(ctx, request, 'editor');
      if (!Buffer.isBuffer(request.body)) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the archive as application/zip');
      }
      const name = String((request.query as { name?: unknown }).name ?? 'upload.zip').slice(0, 200);
      const draft = await stageUpload(ctx, new Uint8Array(request.body), name);
      const id = await saveDraft(ctx, adminId, draft);
      await audit(adminId, 'draft.created', `${id} ${draft.kind} ${name}`);
      return reply.status(201).send(await draftView(id, { ...draft, createdAt: ctx.now() }, '*'));
    },
  );

  app.get('/api/v1/admin/drafts/:id', async (request) => {
    await requireAdmin(ctx, request, 'editor');
    const { id } = request.params as { id: string };
    return draftView(id, await loadDraft(ctx, id), groupQuery(request.query));
  });

  app.delete('/api/v1/admin/drafts/:id', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const { id } = request.params as { id: string };
    await loadDraft(ctx, id);
    await ctx.store.deleteDraft(id);
    await audit(adminId, 'draft.discarded', id);
    return reply.status(204).send();
  });

  app.post('/api/v1/admin/drafts/:id/publish', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const { id } = request.params as { id: string };
    const { groups, note } = parseInput(PublishSchema, request.body);
    const draft = await loadDraft(ctx, id);
    const now = ctx.now();
    let release: Release;
    if (draft.kind === 'pack') {
      const latest = (await ctx.store.listReleases())[0]?.version ?? 0;
      if ((draft.version ?? 0) <= latest || !draft.manifestJson) {
        throw new HttpError(
          409,
          'VERSION_NOT_NEWER',
          `pack version ${draft.version} is not above the newest release ${latest}; kiosks would refuse it. Sign it again with a higher --version.`,
        );
      }
      release = await recordRelease({
        store: ctx.store,
        blobs: ctx.blobs,
        version: draft.version ?? 0,
        manifestJson: draft.manifestJson,
        groups,
        note: note || `signed pack ${draft.source}`,
        now,
      });
    } else {
      release = await releaseFiles({
        store: ctx.store,
        blobs: ctx.blobs,
        key: await ctx.trust.contentKeys(),
        files: draft.files,
        groups,
        note: note || `published from ${draft.source}`,
        now,
      });
    }
    await ctx.store.deleteDraft(id);
    await audit(
      adminId,
      'release.published',
      `${release.version} for ${groups.join(',')} from ${draft.source}`,
    );
    return summary(release);
  });

  app.get('/api/v1/admin/releases', async (request) => {
    await requireAdmin(ctx, request);
    return (await ctx.store.listReleases()).map(summary);
  });

  app.get('/api/v1/admin/releases/:version', async (request) => {
    await requireAdmin(ctx, request);
    const { version } = parseInput(VersionParam, request.params);
    const release = await findRelease(version);
    const { files } = manifestOf(release);
    const group = groupQuery(request.query);
    return { ...summary(release), fileList: files, diff: await diffAgainst(files, group), group };
  });

  app.post('/api/v1/admin/releases/:version/rollback', async (request) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const { version } = parseInput(VersionParam, request.params);
    const body = parseInput(RollbackSchema, request.body ?? {});
    const earlier = await findRelease(version);
    const groups = body.groups ?? (earlier.publishedGroups.length > 0 ? earlier.publishedGroups : ['*']);
    // Kiosks never go down a version: the earlier content comes back as a new, higher one.
    const release = await releaseFiles({
      store: ctx.store,
      blobs: ctx.blobs,
      key: await ctx.trust.contentKeys(),
      files: manifestOf(earlier).files,
      groups,
      note: `rollback to ${version}`,
      now: ctx.now(),
    });
    await audit(adminId, 'release.rollback', `${version} as ${release.version} for ${groups.join(',')}`);
    return summary(release);
  });

  app.get('/api/v1/admin/releases/:version/pack.zip', async (request, reply) => {
    const { adminId } = await requireAdmin(ctx, request, 'editor');
    const { version } = parseInput(VersionParam, request.params);
    const release = await findRelease(version);
    const unique = new Map(manifestOf(release).files.map((f) => [f.sha256, f.type]));
    // The manifest as kiosks download it, and the root chain, so a kiosk that never met this
    // hub walks from its built-in root 1 to the key that signed the pack.
    const entries: Array<{ path: string; bytes: Uint8Array; type: string }> = [
      { path: 'manifest.json', bytes: contentBytes(release), type: 'application/json' },
    ];
    for (const root of await ctx.store.trust.listRoots())
      entries.push({
        path: `trust/${root.version}.root.json`,
        bytes: Buffer.from(root.json),
        type: 'application/json',
      });
    for (const [sha, type] of unique)
      entries.push({ path: `blobs/${sha}`, bytes: await ctx.blobs.get(sha), type });
    await audit(adminId, 'release.exported', String(version));
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="kepu-pack-${version}.zip"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(makeZip(entries)));
  });
}
