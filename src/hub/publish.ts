import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent } from '../content-kit/compile.ts';
import { type Diagnostic, formatDiagnostic } from '../content-kit/diagnostics.ts';
import type { PublisherKey } from '../content-kit/keys.ts';
import { writePack } from '../content-kit/pack.ts';
import type { BlobStore } from './blob-store.ts';
import type { Release, Store } from './storage/store.ts';

/** Content that did not compile: every diagnostic, with file and line. */
export class PublishError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`content has errors:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
    this.name = 'PublishError';
  }
}

/** The next pack version: above every release so far, and never below the clock in seconds. */
export async function nextVersion(store: Store, now: Date): Promise<number> {
  const latest = (await store.listReleases())[0]?.version ?? 0;
  return Math.max(latest + 1, Math.floor(now.getTime() / 1000));
}

/**
 * Compiles a content folder, signs it, stores its blobs and records it as a release,
 * active for `groups` (`*` = every group). Nothing is stored when the content has errors.
 */
export async function publishContent(options: {
  store: Store;
  blobs: BlobStore;
  key: PublisherKey;
  contentDir: string;
  groups: readonly string[];
  note: string;
  now: Date;
}): Promise<Release> {
  const compiled = await compileContent(options.contentDir);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new PublishError(errors);
  const version = await nextVersion(options.store, options.now);
  const outDir = await mkdtemp(join(tmpdir(), 'kepu-publish-'));
  try {
    const pack = await writePack(compiled, { outDir, key: options.key, version, now: options.now });
    // Blobs first, then the release: a crash in between leaves only unreferenced blobs.
    for (const name of await readdir(join(outDir, 'blobs'))) {
      await options.blobs.put(await readFile(join(outDir, 'blobs', name)), name);
    }
    const manifestJson = await readFile(join(outDir, 'manifest.json'), 'utf8');
    await options.store.addRelease({
      version: pack.manifest.version,
      manifestJson,
      createdAt: options.now,
      note: options.note,
    });
    await options.store.activateRelease(pack.manifest.version, options.groups, options.now);
    return {
      version: pack.manifest.version,
      manifestJson,
      createdAt: options.now,
      note: options.note,
      activeGroups: [...options.groups],
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
