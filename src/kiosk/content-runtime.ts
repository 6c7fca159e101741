/**
 * The kiosk's content machinery, loaded on first need (never before the home screen): the
 * IndexedDB, update trust (root 1 built in, the chain walked from there), the content cache,
 * the update engine, and the content store reading the active pack. A new kiosk installs the
 * pack built into the app and shows it from its precached files meanwhile.
 */
import { builtAt, firstRoot, rootCount } from 'virtual:kepu-trust';
import type { PackManifest } from '../protocol/pack-manifest.ts';
import { type SubtleLike, verifyBlob } from '../protocol/pack-verify.ts';
import { createContentCache } from './data/content-cache.ts';
import { openKioskDb } from './data/kiosk-db.ts';
import { createKioskTrust } from './data/kiosk-trust.ts';
import { openActivePack, type PackReader, packReader } from './data/pack-reader.ts';
import { bundledSource } from './data/pack-sources.ts';
import { createUpdateEngine, type PackSource } from './data/update-engine.ts';
import { createContentStore } from './stores/content-store.ts';

export const db = openKioskDb();
const subtle = crypto.subtle as unknown as SubtleLike;
/** Update trust: a kiosk whose clock is dead judges expiry by signed times, never before the build. */
export const trust = createKioskTrust({ db: () => db, firstRoot, subtle, floorMs: builtAt });
export const contentCache = createContentCache(db, (json) => trust.verifyStored(json), subtle);
export const engine = createUpdateEngine({
  cache: contentCache,
  trust,
  estimate: () => navigator.storage?.estimate?.() ?? Promise.resolve(undefined),
});

let ready: Promise<void> | undefined;
/** Settles once `ensureContent` knows whether this kiosk is new (and so reads while installing). */
let decided: Promise<void> = Promise.resolve();

/**
 * On a new kiosk, the built-in pack read straight from its precached files while it installs:
 * set once its manifest is verified, each file hash-checked as it is read. Until then (and on a
 * kiosk that has a pack) it is undefined and reads wait for the content cache.
 */
let whileInstalling: { reader: Promise<PackReader>; resolve: (reader: PackReader) => void } | undefined;

function readBundled(manifest: PackManifest, source: PackSource): PackReader {
  return packReader(
    manifest,
    async (file) => {
      const stored = await contentCache.blob(file.sha256).catch(() => null);
      if (stored) return stored;
      const bytes = await source.blob(file.sha256, file.size);
      await verifyBlob(subtle, bytes, file.sha256);
      return bytes;
    },
    false,
  );
}

/**
 * Makes sure a pack is active: on a new kiosk the built-in one is installed and switched to
 * at once (nothing is on screen yet; screens read it from its files meanwhile). A newer
 * built-in pack (after an app update) is staged for the next idle switch like any other update.
 */
export function ensureContent(): Promise<void> {
  if (ready) return ready;
  const source = bundledSource(rootCount);
  const fresh = contentCache.activeVersion().then((version) => {
    if (version !== null) return false;
    let resolve: (reader: PackReader) => void = () => undefined;
    const reader = new Promise<PackReader>((r) => {
      resolve = r;
    });
    whileInstalling = { reader, resolve };
    return true;
  });
  decided = fresh.then(
    () => undefined,
    () => undefined,
  );
  ready = (async () => {
    const isFresh = await fresh;
    const result = await engine.check(source, {
      ignoreExpiry: true,
      onVerified: isFresh ? (manifest) => whileInstalling?.resolve(readBundled(manifest, source)) : undefined,
    });
    if ((await contentCache.activeVersion()) === null) {
      if (result !== 'ok') throw new Error(`BUNDLED_PACK_FAILED: ${result}`);
      await engine.applyStaged();
    }
    if (whileInstalling) {
      // Installed: the next reads come from the content cache (pictures through the worker).
      whileInstalling = undefined;
      contentStore.invalidate();
    }
  })().catch((error: unknown) => {
    ready = undefined;
    whileInstalling = undefined;
    throw error;
  });
  return ready;
}

/** The content store the screens use: the active pack, or the built-in one while it installs. */
export const contentStore = createContentStore(async () => {
  const installed = ensureContent().then(() => openActivePack(contentCache));
  await decided;
  const early = whileInstalling?.reader;
  return early ? Promise.race([installed, early]) : installed;
});
