import { createHash } from 'node:crypto';
import { compileContent } from '../content-kit/compile.ts';
import { type Diagnostic, formatDiagnostic } from '../content-kit/diagnostics.ts';
import type { PublisherKey } from '../content-kit/keys.ts';
import { signContent } from '../content-kit/trust-sign.ts';
import { PACK_FORMAT, type PackFile, type PackManifest } from '../protocol/pack-manifest.ts';
import type { BlobStore } from './blob-store.ts';
import { releaseManifest } from './release-manifest.ts';
import { StoreError } from './storage/errors.ts';
import type { Release, Store } from './storage/store.ts';

/** Content that did not compile: every diagnostic, with file and line. */
export class PublishError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`content has errors:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
    this.name = 'PublishError';
  }
}

/** A release whose blobs are not all in the blob store: nothing was published. */
export class BlobsMissingError extends Error {
  constructor(readonly missing: readonly PackFile[]) {
    const names = missing.slice(0, 5).map((f) => `${f.path} (${f.sha256})`);
    super(
      `${missing.length} file(s) of this release are not in the blob store, so kiosks could not download them: ${names.join(', ')}${missing.length > 5 ? ', …' : ''}. Upload the content again.`,
    );
    this.name = 'BlobsMissingError';
  }
}

/** Throws BlobsMissingError unless every file's blob is in the store. */
export async function assertBlobsStored(blobs: BlobStore, files: readonly PackFile[]): Promise<void> {
  const missing = new Set(await blobs.missing(files.map((f) => f.sha256)));
  if (missing.size > 0) throw new BlobsMissingError(files.filter((f) => missing.has(f.sha256)));
}

/** Days until kiosks refuse a pack the hub signs. */
const VALID_DAYS = 365;
const DAY_MS = 86_400_000;

/** The next pack version: above every release so far, and never below the clock in seconds. */
export async function nextVersion(store: Store, now: Date): Promise<number> {
  const latest = (await store.listReleases())[0]?.version ?? 0;
  return Math.max(latest + 1, Math.floor(now.getTime() / 1000));
}

/** Compiled content whose blobs are stored: what a release needs, not yet signed. */
export interface StagedContent {
  files: PackFile[];
  warnings: Diagnostic[];
  articles: number;
  questions: number;
}

/**
 * Compiles a content folder and stores its blobs (immutable, by sha256). Throws PublishError
 * with every diagnostic when the content has errors; then nothing is stored.
 * Diagnostics name files relative to `rootDir` (default: the working directory).
 */
export async function stageContent(
  blobs: BlobStore,
  contentDir: string,
  rootDir?: string,
): Promise<StagedContent> {
  const compiled = await compileContent(contentDir, rootDir ? { rootDir } : {});
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new PublishError(errors);
  const files: PackFile[] = [];
  for (const [path, { bytes, type }] of compiled.files) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await blobs.put(bytes, sha256);
    files.push({ path, sha256, size: bytes.byteLength, type });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    warnings: compiled.diagnostics.filter((d) => d.severity === 'warning'),
    articles: compiled.catalog.articles.length,
    questions: compiled.quizzes.reduce((n, q) => n + q.questions.length, 0),
  };
}

/**
 * Signs `files` (whose blobs are stored) as a new, higher version with the hub's content key(s)
 * (TUF's envelope, trust-sign.ts), records the release and activates it for `groups`. Retries
 * with the next version when another hub process took the same one at the same moment.
 */
export async function releaseFiles(options: {
  store: Store;
  blobs: BlobStore;
  key: PublisherKey | readonly PublisherKey[];
  files: readonly PackFile[];
  groups: readonly string[];
  note: string;
  now: Date;
}): Promise<Release> {
  for (let attempt = 1; ; attempt++) {
    const version = await nextVersion(options.store, options.now);
    const manifest: PackManifest = {
      format: PACK_FORMAT,
      version,
      created: options.now.toISOString(),
      expires: new Date(options.now.getTime() + VALID_DAYS * DAY_MS).toISOString(),
      files: [...options.files],
    };
    const signed = await signContent(manifest, 'privateKey' in options.key ? [options.key] : options.key);
    try {
      return await recordRelease({ ...options, version, manifestJson: JSON.stringify(signed) });
    } catch (error) {
      if (!(error instanceof StoreError && error.code === 'CONFLICT' && attempt < 3)) throw error;
    }
  }
}

/**
 * Records a signed manifest as a release and activates it for `groups`, after checking that
 * every blob it lists is in the blob store (kiosks may be fetching them from a CDN in front of
 * it): a release with a missing blob is refused with BlobsMissingError, and nothing is recorded.
 */
export async function recordRelease(options: {
  store: Store;
  blobs: BlobStore;
  version: number;
  manifestJson: string;
  groups: readonly string[];
  note: string;
  now: Date;
}): Promise<Release> {
  // Read as every reader of a stored release reads it (either envelope): an unreadable one throws.
  await assertBlobsStored(options.blobs, releaseManifest(options.manifestJson).manifest.files);
  const groups = [...new Set(options.groups)];
  const release = await options.store.addRelease({
    version: options.version,
    manifestJson: options.manifestJson,
    createdAt: options.now,
    note: options.note,
    publishedGroups: groups,
  });
  await options.store.activateRelease(options.version, groups, options.now);
  return { ...release, activeGroups: [...groups].sort() };
}

/**
 * Compiles a content folder, signs it, stores its blobs and records it as a release,
 * active for `groups` (`*` = every group). Nothing is stored when the content has errors.
 */
export async function publishContent(options: {
  store: Store;
  blobs: BlobStore;
  key: PublisherKey | readonly PublisherKey[];
  contentDir: string;
  groups: readonly string[];
  note: string;
  now: Date;
}): Promise<Release> {
  // Blobs first, then the release: a crash in between leaves only unreferenced blobs.
  const staged = await stageContent(options.blobs, options.contentDir);
  return releaseFiles({ ...options, files: staged.files });
}
