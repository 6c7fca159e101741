import type { IDBPDatabase } from 'idb';
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
  const cache = () => caches.open(CONTENT_CACHE);

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
      await (await db).put('blobs', { sha256, size: bytes.byteLength });
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
