import type { IDBPDatabase, IDBPTransaction } from 'idb';
import * as v from 'valibot';
import { BLOB_PATH, CONTENT_CACHE } from '../../protocol/content-cache-names.ts';
import type { PackManifest } from '../../protocol/pack-manifest.ts';
import { type SubtleLike, verifyBlob } from '../../protocol/pack-verify.ts';
import type { KioskDB, PackRecord } from './kiosk-db.ts';

export { BLOB_PATH, CONTENT_CACHE } from '../../protocol/content-cache-names.ts';

const PackRecordSchema = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  signedJson: v.string(),
  complete: v.boolean(),
  receivedAt: v.string(),
});

/**
 * The kiosk's content on disk: pack manifests and the active-pack pointer in IndexedDB,
 * blob bytes in Cache Storage. Every read is verified (signature, schema, sha256), so a
 * damaged record is refused rather than shown.
 */
export function createContentCache(
  db: Promise<IDBPDatabase<KioskDB>>,
  /** Checks a stored manifest's signature (kiosk-trust.ts `verifyStored`) and returns it. */
  verifyStored: (json: unknown) => Promise<PackManifest>,
  subtle: SubtleLike,
) {
  // Opened once: an install stores hundreds of blobs, and each open is a round trip.
  let opened: Promise<Cache> | undefined;
  const cache = () => {
    opened ??= caches.open(CONTENT_CACHE).catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  };

  // Index records are written in groups. IndexedDB runs readwrite transactions on one store one
  // after another, each with its own commit, so parallel downloads each writing their own record
  // queued behind each other: the install bench (tests/bench/browser.ts) measured 9 s of such
  // waiting, summed over 8 downloads, for 177 blobs. A record that arrives while a commit is
  // under way goes into the next transaction with every other that arrived meanwhile.
  let queued: Array<{ record: { sha256: string; size: number }; done: (error?: unknown) => void }> = [];
  let flushing = false;
  async function flushIndex(): Promise<void> {
    flushing = true;
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      let tx: IDBPTransaction<KioskDB, ['blobs'], 'readwrite'> | undefined;
      try {
        tx = (await db).transaction('blobs', 'readwrite');
        // A failed put fails the transaction: tx.done reports it, for the whole group.
        for (const { record } of batch) tx.store.put(record).catch(() => {});
        await tx.done;
        for (const { done } of batch) done();
      } catch (error) {
        // Nothing of a failed group is kept (its blobs download again next time).
        tx?.done.catch(() => {});
        try {
          tx?.abort();
        } catch {
          // already finished
        }
        for (const { done } of batch) done(error ?? new Error('blob index write failed'));
      }
    }
    flushing = false;
  }
  function indexBlob(record: { sha256: string; size: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      queued.push({ record, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!flushing) void flushIndex();
    });
  }

  async function verifiedRecord(record: unknown): Promise<{ record: PackRecord; manifest: PackManifest }> {
    const parsed = v.parse(PackRecordSchema, record);
    // Re-checked on every open: storage can be damaged; expiry only matters when installing.
    const manifest = await verifyStored(JSON.parse(parsed.signedJson));
    if (manifest.version !== parsed.version) throw new Error('pack record version mismatch');
    return { record: parsed, manifest };
  }

  return {
    /** The active pack's version, or null on a new kiosk. */
    async activeVersion(): Promise<number | null> {
      const value = await (await db).get('meta', 'activePack');
      return typeof value === 'number' && Number.isInteger(value) ? value : null;
    },

    /** A stored pack, verified; null when missing. Throws when it is damaged. */
    async pack(version: number) {
      const record = await (await db).get('packs', version);
      return record ? verifiedRecord(record) : null;
    },

    async savePack(signedJson: string, version: number, complete: boolean): Promise<void> {
      await (await db).put('packs', { version, signedJson, complete, receivedAt: new Date().toISOString() });
    },

    /** Versions of the packs stored whole (every blob downloaded and verified), newest first. */
    async completeVersions(): Promise<number[]> {
      const records = await (await db).getAll('packs');
      return records
        .filter((r) => r.complete === true && Number.isInteger(r.version))
        .map((r) => r.version)
        .sort((a, b) => b - a);
    },

    /** The hashes of every stored blob, in one read. */
    async blobHashes(): Promise<Set<string>> {
      return new Set(await (await db).getAllKeys('blobs'));
    },

    /** Stores verified bytes: the cache first, then the index, so the index never points at nothing. */
    async putBlob(sha256: string, bytes: Uint8Array, type: string): Promise<void> {
      await verifyBlob(subtle, bytes, sha256);
      await (await cache()).put(
        BLOB_PATH + sha256,
        new Response(bytes as BodyInit, {
          headers: { 'content-type': type, 'content-length': String(bytes.byteLength) },
        }),
      );
      await indexBlob({ sha256, size: bytes.byteLength });
    },

    /** A blob's bytes, verified against its hash. */
    async blob(sha256: string): Promise<Uint8Array> {
      const response = await (await cache()).match(BLOB_PATH + sha256);
      if (!response) throw new Error(`CONTENT_MISSING: blob ${sha256}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await verifyBlob(subtle, bytes, sha256);
      return bytes;
    },

    /**
     * Makes `version` the active pack in one IndexedDB transaction (it must be complete),
     * then removes packs and blobs that neither the active pack nor `keep` still needs.
     */
    async activate(version: number, keep: readonly PackManifest[] = []): Promise<void> {
      const store = await db;
      const tx = store.transaction(['meta', 'packs'], 'readwrite');
      const record = await tx.objectStore('packs').get(version);
      if (!record?.complete) throw new Error(`pack ${version} is not complete`);
      await tx.objectStore('meta').put(version, 'activePack');
      await tx.done;
      const active = await this.pack(version);
      const needed = new Set(
        [...(active?.manifest.files ?? []), ...keep.flatMap((m) => m.files)].map((f) => f.sha256),
      );
      const versions = new Set([version, ...keep.map((m) => m.version)]);
      for (const old of await store.getAllKeys('packs'))
        if (!versions.has(old)) await store.delete('packs', old);
      const c = await cache();
      for (const sha of await store.getAllKeys('blobs')) {
        if (needed.has(sha)) continue;
        await store.delete('blobs', sha);
        await c.delete(BLOB_PATH + sha);
      }
    },
  };
}

export type ContentCache = ReturnType<typeof createContentCache>;
