/**
 * The kiosk's content machinery, loaded on first need (never before the home screen): the
 * IndexedDB, the content cache, the update engine, and the content store reading the active
 * pack. A new kiosk installs the pack built into the app before showing content.
 */
import trustedKeys from 'virtual:kepu-trusted-keys';
import type { SubtleLike } from '../protocol/pack-verify.ts';
import { createContentCache } from './data/content-cache.ts';
import { openKioskDb } from './data/kiosk-db.ts';
import { openActivePack } from './data/pack-reader.ts';
import { bundledSource } from './data/pack-sources.ts';
import { createUpdateEngine } from './data/update-engine.ts';
import { createContentStore } from './stores/content-store.ts';

export const db = openKioskDb();
const subtle = crypto.subtle as unknown as SubtleLike;
export const contentCache = createContentCache(db, trustedKeys, subtle);
export const engine = createUpdateEngine({
  cache: contentCache,
  keys: trustedKeys,
  subtle,
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
    const result = await engine.check(bundledSource(), { ignoreExpiry: true });
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
