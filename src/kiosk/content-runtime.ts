/**
 * The kiosk's content machinery, loaded on first need (never before the home screen): the
 * IndexedDB, update trust (root 1 built in, the chain walked from there), the content cache,
 * the update engine, and the content store reading the active pack. A new kiosk installs the
 * pack built into the app before showing content.
 */
import { builtAt, firstRoot, rootCount } from 'virtual:kepu-trust';
import type { SubtleLike } from '../protocol/pack-verify.ts';
import { createContentCache } from './data/content-cache.ts';
import { openKioskDb } from './data/kiosk-db.ts';
import { createKioskTrust } from './data/kiosk-trust.ts';
import { openActivePack } from './data/pack-reader.ts';
import { bundledSource } from './data/pack-sources.ts';
import { createUpdateEngine } from './data/update-engine.ts';
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

/**
 * Makes sure a pack is active: on a new kiosk the built-in one is installed and switched to
 * at once (nothing is on screen yet). A newer built-in pack (after an app update) is staged
 * for the next idle switch like any other update.
 */
export function ensureContent(): Promise<void> {
  ready ??= (async () => {
    const result = await engine.check(bundledSource(rootCount), { ignoreExpiry: true });
    if ((await contentCache.activeVersion()) === null) {
      if (result !== 'ok') throw new Error(`BUNDLED_PACK_FAILED: ${result}`);
      await engine.applyStaged();
    }
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

/** The content store the screens use. */
export const contentStore = createContentStore(async () => {
  await ensureContent();
  return openActivePack(contentCache);
});
