import { signal } from '@preact/signals';
import type { PackManifest } from '../../protocol/pack-manifest.ts';
import { PackError } from '../../protocol/pack-verify.ts';
import type { TrustSource } from '../../protocol/trust-state.ts';
import type { ContentCache } from './content-cache.ts';
import type { KioskTrust } from './kiosk-trust.ts';

/**
 * Where packs come from: the hub over HTTP, the pack built into the app, or a USB file. Each
 * gives the trust metadata (root chain, a timestamp where it has one, the manifest) and blobs.
 */
export interface PackSource extends TrustSource {
  /** A blob's bytes; a source stops reading past `size` (BLOB_TOO_LARGE). */
  blob(sha256: string, size: number): Promise<Uint8Array>;
}

/** Codes an update can end with; shown on the maintenance screen and sent in heartbeats. */
export type UpdateResult =
  | 'ok'
  | 'unchanged'
  | PackError['code']
  | 'QUOTA_EXCEEDED'
  | 'NETWORK_ERROR'
  | 'UPDATE_FAILED';

export interface UpdateOptions {
  cache: ContentCache;
  trust: KioskTrust;
  now?: () => Date;
  /** Blobs fetched at once. */
  concurrency?: number;
  /** Free space the browser reports; tests and kiosks without the API may leave it out. */
  estimate?: () => Promise<{ usage?: number; quota?: number } | undefined>;
}

/** A network or server failure while talking to a source. */
export class SourceError extends Error {
  readonly code = 'NETWORK_ERROR';
}

export interface CheckOptions {
  /** Accept a manifest past its expiry (the pack built into the app). */
  ignoreExpiry?: boolean;
  /**
   * Called once the manifest is verified, before its blobs download: a new kiosk reads the
   * built-in pack from there while it installs (content-runtime.ts).
   */
  onVerified?: (manifest: PackManifest) => void;
}

/** Not enough storage for the new pack; the old one stays. */
export class QuotaError extends Error {
  readonly code = 'QUOTA_EXCEEDED';
}

/** Runs `work` on every item, `limit` at a time; after a failure no new item starts, and it rejects once all have stopped. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const run = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // After a failure no new item starts, but every worker finishes (stores) the one in hand
  // before the failure is reported, so the next attempt sees all that was downloaded.
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, run));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * Fetches, verifies and stages content packs. `install` downloads only missing blobs and
 * keeps each verified one, so an interrupted download resumes; nothing becomes visible
 * until `applyStaged`, which the kiosk calls at idle. The active pack is never touched by a
 * failed or partial update.
 */
export function createUpdateEngine(options: UpdateOptions) {
  const { cache, trust } = options;
  const now = options.now ?? (() => new Date());
  const progress = signal<{ done: number; total: number } | null>(null);
  const staged = signal<number | null>(null);
  const lastResult = signal<{ at: Date; result: UpdateResult } | null>(null);
  // Downloads and switches take turns: a switch collects the blobs no kept pack needs, which
  // would include those of a download still running (and leave that pack incomplete).
  let turn: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = turn.then(fn, fn);
    turn = run.catch(() => undefined);
    return run;
  }

  async function install(source: PackSource, opts: CheckOptions = {}): Promise<UpdateResult> {
    const active = await cache.activeVersion();
    // Roots, the timestamp and the manifest it pins, each verified (protocol/trust-state.ts).
    const verified = await trust.refresh(source, {
      checkExpiry: !opts.ignoreExpiry,
      have: (version) => version === active || version === staged.value,
    });
    if (verified.kind === 'unchanged') return 'unchanged';
    const { manifest } = verified.content;
    opts.onVerified?.(manifest);
    const text = new TextDecoder().decode(verified.bytes);
    // One read of the stored hashes (not one per file), and each blob once even when two
    // paths have the same bytes.
    const have = await cache.blobHashes();
    const missing: PackManifest['files'] = [];
    for (const file of manifest.files) {
      if (have.has(file.sha256)) continue;
      have.add(file.sha256);
      missing.push(file);
    }
    const bytes = missing.reduce((sum, f) => sum + f.size, 0);
    const estimate = await options.estimate?.().catch(() => undefined);
    if (estimate?.quota !== undefined && estimate.quota - (estimate.usage ?? 0) < bytes * 1.2) {
      throw new QuotaError(`${bytes} bytes needed, ${estimate.quota - (estimate.usage ?? 0)} free`);
    }
    await cache.savePack(text, manifest.version, false);
    progress.value = { done: 0, total: missing.length };
    const types = new Map(manifest.files.map((f) => [f.sha256, f.type]));
    await pool(missing, options.concurrency ?? 8, async (file) => {
      await cache.putBlob(
        file.sha256,
        await source.blob(file.sha256, file.size),
        types.get(file.sha256) ?? file.type,
      );
      const p = progress.value;
      progress.value = p ? { done: p.done + 1, total: p.total } : null;
    });
    await cache.savePack(text, manifest.version, true);
    staged.value = manifest.version;
    return 'ok';
  }

  /** Runs `install` and records the outcome as a code (never throws). */
  async function check(source: PackSource, opts: CheckOptions = {}): Promise<UpdateResult> {
    let result: UpdateResult;
    try {
      result = await exclusive(() => install(source, opts));
    } catch (error) {
      // A full disk shows up as QuotaExceededError from Cache Storage or IndexedDB.
      const quota =
        error instanceof QuotaError || (error instanceof DOMException && error.name === 'QuotaExceededError');
      result = quota
        ? 'QUOTA_EXCEEDED'
        : error instanceof PackError || error instanceof SourceError
          ? error.code
          : 'UPDATE_FAILED';
      if (result === 'UPDATE_FAILED') console.warn('UPDATE_FAILED', error);
    } finally {
      progress.value = null;
    }
    lastResult.value = { at: now(), result };
    return result;
  }

  return {
    progress,
    staged,
    lastResult,
    check,
    /**
     * After a restart: stages the pack last accepted (the trust state's floor) when it was
     * downloaded whole but not yet switched to (its signature is checked again and every blob
     * must still be there). Returns its version. After a rotation the accepted pack may be
     * below the active one (a fast-forward undone), so versions are not compared.
     */
    restoreStaged(): Promise<number | null> {
      return exclusive(async () => {
        const active = await cache.activeVersion();
        if (active === null || staged.value !== null) return staged.value;
        const accepted = await trust.acceptedVersion().catch(() => null);
        if (accepted === null || accepted === active) return null;
        if (!(await cache.completeVersions()).includes(accepted)) return null;
        const have = await cache.blobHashes();
        const pack = await cache.pack(accepted).catch(() => null);
        if (!pack?.manifest.files.every((f) => have.has(f.sha256))) return null;
        staged.value = accepted;
        return accepted;
      });
    },
    /**
     * Switches to the staged pack (one IndexedDB transaction) and collects unused blobs; waits
     * for a download in progress, then switches to whatever is staged by then.
     */
    applyStaged(): Promise<number | null> {
      return exclusive(async () => {
        const version = staged.value;
        if (version === null) return null;
        await cache.activate(version);
        staged.value = null;
        return version;
      });
    },
  };
}

export type UpdateEngine = ReturnType<typeof createUpdateEngine>;
