/** Garbage collection of unreferenced blobs, on the local folder and on S3 (s3rver). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_GRACE_MS, collectBlobs } from './blob-gc.ts';
import { type BlobStore, type BlobStoreOptions, createBlobStore } from './blob-store.ts';
import { createS3BlobStore, parseS3Location, s3ConfigFromEnv } from './blob-store-s3.ts';
import { releaseManifest } from './release-manifest.ts';
import { startTestHub, type TestHub } from './test-hub.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

const bytes = (s: string) => new TextEncoder().encode(s);
const DAY = 86_400_000;

for (const kind of ['local', 's3'] as const) {
  describe(`blob garbage collection on the ${kind} store`, () => {
    let hub: TestHub;
    const where = `gc-${Date.now()}`;
    const openStore = (options: BlobStoreOptions = {}): BlobStore =>
      kind === 's3'
        ? createS3BlobStore(
            parseS3Location(`s3://${s3.bucket}/${where}`),
            s3ConfigFromEnv({ ...process.env, ...s3.env }),
            options,
          )
        : createBlobStore(`${hub.dir}/blobs`, options);
    beforeAll(async () => {
      hub = await startTestHub({ publish: true, ...(kind === 's3' ? { blobs: openStore() } : {}) });
    });
    afterAll(async () => {
      await hub?.close();
    });

    it('deletes only old blobs that no release and no draft names', async () => {
      const store = hub.store;
      const release = (await store.listReleases())[0];
      if (!release) throw new Error('nothing published');
      const releaseFiles = releaseManifest(release.manifestJson).manifest.files;
      // A draft of a signed pack made from a release file's bytes plus one new blob.
      const draftBlob = await hub.blobs.put(bytes(`draft only ${Date.now()}`));
      await store.saveDraft({
        id: crypto.randomUUID(),
        adminId: null,
        createdAt: new Date(),
        data: JSON.stringify({
          kind: 'content',
          source: 'x.zip',
          files: [{ path: 'a', sha256: draftBlob, size: 1, type: 'x' }],
          warnings: [],
          articles: 0,
          questions: 0,
        }),
      });
      const orphan = await hub.blobs.put(bytes(`orphan ${Date.now()}`));

      // Within the grace period (an upload still in progress), nothing is collected.
      const early = await collectBlobs({ store, blobs: hub.blobs, now: new Date() });
      expect(early.deleted).toEqual([]);
      expect(early.young).toBeGreaterThanOrEqual(1);

      const later = new Date(Date.now() + BLOB_GRACE_MS + DAY);
      const result = await collectBlobs({ store, blobs: hub.blobs, now: later });
      expect(result.deleted).toEqual([orphan]);
      expect(await hub.blobs.has(orphan)).toBe(false);
      expect(await hub.blobs.has(draftBlob)).toBe(true);
      expect(await hub.blobs.missing(releaseFiles.map((f) => f.sha256))).toEqual([]);
      // Again: nothing more to do.
      expect((await collectBlobs({ store, blobs: hub.blobs, now: later })).deleted).toEqual([]);
    });

    it('spares an old blob stored again by a new upload (the put refreshes its time)', async () => {
      const touching = openStore({ touchAfterMs: 0 });
      const b = bytes(`re-uploaded ${Date.now()}`);
      const sha = await touching.put(b);
      await new Promise((r) => setTimeout(r, 2100));
      await touching.put(b);
      // Stored 2 s ago, put again just now: a 1.5 s grace period spares it.
      const result = await collectBlobs({
        store: hub.store,
        blobs: touching,
        now: new Date(),
        graceMs: 1500,
      });
      expect(result.deleted).not.toContain(sha);
      expect(await touching.has(sha)).toBe(true);
      // Without the second put it would have gone.
      await new Promise((r) => setTimeout(r, 2100));
      expect(
        (await collectBlobs({ store: hub.store, blobs: touching, now: new Date(), graceMs: 1500 })).deleted,
      ).toContain(sha);
    });

    it('refuses to collect from a store that holds none of the releases blobs', async () => {
      const wrong =
        kind === 's3'
          ? createS3BlobStore(
              parseS3Location(`s3://${s3.bucket}/wrong-${Date.now()}`),
              s3ConfigFromEnv({ ...process.env, ...s3.env }),
            )
          : createBlobStore(`${hub.dir}/wrong-folder`);
      const stray = await wrong.put(bytes('stray'));
      await expect(
        collectBlobs({ store: hub.store, blobs: wrong, now: new Date(Date.now() + 10 * DAY) }),
      ).rejects.toThrow(/no listed blob is referenced/);
      expect(await wrong.has(stray)).toBe(true);
    });
  });
}
