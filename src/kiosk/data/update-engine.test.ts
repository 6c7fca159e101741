import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePublisherKey, signManifest } from '../../content-kit/keys.ts';
import { createTrustWorld, type TrustWorld } from '../../content-kit/test-trust.ts';
import type { PackManifest } from '../../protocol/pack-manifest.ts';
import type { SubtleLike } from '../../protocol/pack-verify.ts';
import { createContentCache } from './content-cache.ts';
import { openKioskDb } from './kiosk-db.ts';
import { createKioskTrust } from './kiosk-trust.ts';
import { createUpdateEngine, type PackSource, SourceError } from './update-engine.ts';

/** Cache Storage, in memory: enough of it for the content cache. */
function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>();
  return {
    async open(name: string) {
      const entries = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, entries);
      return {
        async put(url: string, response: Response) {
          entries.set(url, new Response(await response.arrayBuffer(), { headers: response.headers }));
        },
        async match(url: string) {
          return entries.get(url)?.clone();
        },
        async delete(url: string) {
          return entries.delete(url);
        },
      };
    },
  };
}

const bytesOf = (text: string) => new TextEncoder().encode(text);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let world: TrustWorld;
beforeAll(async () => {
  (globalThis as unknown as { caches: unknown }).caches = fakeCaches();
  world = await createTrustWorld();
});

/** A source for one pack; `gate` holds a blob back until the test lets it go. */
async function packSource(
  version: number,
  files: Record<string, string>,
  gate: Record<string, Promise<void>> = {},
) {
  const blobs = new Map(Object.values(files).map((text) => [sha(bytesOf(text)), bytesOf(text)]));
  const manifest: PackManifest = {
    format: 1,
    version,
    created: '2026-01-01T00:00:00.000Z',
    expires: '2099-01-01T00:00:00.000Z',
    files: Object.entries(files).map(([path, text]) => ({
      path,
      sha256: sha(bytesOf(text)),
      size: bytesOf(text).byteLength,
      type: 'application/json',
    })),
  };
  const text = new TextDecoder().decode(await world.content(manifest));
  // A source without timestamps (like the built-in pack or a USB pack): roots, then the manifest.
  const source: PackSource = {
    root: async (v) => {
      const root = world.rootTexts()[v - 1];
      return root === undefined ? null : new TextEncoder().encode(root);
    },
    content: async () => new TextEncoder().encode(text),
    async blob(hash) {
      const path = manifest.files.find((f) => f.sha256 === hash)?.path ?? '';
      await gate[path];
      const bytes = blobs.get(hash);
      if (!bytes) throw new SourceError(`no blob ${hash}`);
      return bytes;
    },
  };
  return { manifest, source };
}

let n = 0;
const subtle = crypto.subtle as unknown as SubtleLike;
/** An engine over the kiosk database `name` (a reload opens the same one again). */
function open(name: string, concurrency = 1) {
  const db = openKioskDb(name);
  const trust = createKioskTrust({
    db: () => db,
    firstRoot: JSON.parse(world.rootTexts()[0] as string),
    subtle,
    floorMs: 0,
  });
  const cache = createContentCache(db, (json) => trust.verifyStored(json), subtle);
  return { db, cache, trust, engine: createUpdateEngine({ cache, trust, concurrency }) };
}
function fresh(concurrency = 1) {
  return open(`engine-${n++}`, concurrency);
}

describe('content cache', () => {
  it('indexes blobs stored at once in a few grouped transactions, each call settled after its commit', async () => {
    const { db, cache } = fresh();
    const store = await db;
    let transactions = 0;
    const transaction = store.transaction.bind(store);
    store.transaction = ((...args: Parameters<typeof transaction>) => {
      transactions++;
      return transaction(...args);
    }) as typeof store.transaction;
    const blobs = Array.from({ length: 40 }, (_, i) => bytesOf(`"blob ${i}"`));
    await Promise.all(blobs.map((b) => cache.putBlob(sha(b), b, 'application/json')));
    const have = await cache.blobHashes();
    for (const b of blobs) expect(have.has(sha(b))).toBe(true);
    // One commit for the first record, then the 39 that queued behind it (one by one was 40).
    expect(transactions).toBeLessThanOrEqual(4);
    for (const b of blobs) expect(await cache.blob(sha(b))).toEqual(b);
  });

  it('a failed index write rejects the calls of its group and the next write works again', async () => {
    const { db, cache } = fresh();
    const store = await db;
    const transaction = store.transaction.bind(store);
    let fail = true;
    store.transaction = ((...args: Parameters<typeof transaction>) => {
      if (fail && args[1] === 'readwrite') throw new DOMException('disk full', 'QuotaExceededError');
      return transaction(...args);
    }) as typeof store.transaction;
    const a = bytesOf('"a"');
    const b = bytesOf('"b"');
    const results = await Promise.allSettled([
      cache.putBlob(sha(a), a, 'application/json'),
      cache.putBlob(sha(b), b, 'application/json'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'QuotaExceededError' });
    expect((await cache.blobHashes()).size).toBe(0);
    fail = false;
    await cache.putBlob(sha(a), a, 'application/json');
    expect([...(await cache.blobHashes())]).toEqual([sha(a)]);
  });
});

describe('update engine', () => {
  it('a switch at idle during the next download does not collect that download’s blobs', async () => {
    const { cache, engine } = fresh();
    const v1 = await packSource(1, { 'a.json': '"a1"' });
    const v2 = await packSource(2, { 'a.json': '"a2"' });
    expect(await engine.check(v1.source)).toBe('ok');
    await engine.applyStaged();
    expect(await engine.check(v2.source)).toBe('ok'); // staged, waiting for the idle screen

    // Version 3 arrives while 2 waits; its second blob is slow.
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const v3 = await packSource(3, { 'a.json': '"a3"', 'b.json': '"b3"' }, { 'b.json': slow });
    const checking = engine.check(v3.source);
    const first = v3.manifest.files[0]?.sha256 ?? '';
    for (let i = 0; i < 200 && !(await cache.blobHashes()).has(first); i++)
      await new Promise((r) => setTimeout(r, 5));
    expect((await cache.blobHashes()).has(first)).toBe(true);

    // The kiosk goes idle: the staged pack is switched to (and unused blobs collected).
    const applying = engine.applyStaged();
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await checking).toBe('ok');
    await applying;
    await engine.applyStaged();

    expect(await cache.activeVersion()).toBe(3);
    for (const file of v3.manifest.files) {
      expect(new TextDecoder().decode(await cache.blob(file.sha256)), file.path).toMatch(/3"$/);
    }
  });

  it('a failed download stops fetching and leaves the active pack whole', async () => {
    const { cache, engine } = fresh(2);
    const v1 = await packSource(1, { 'a.json': '"a1"', 'b.json': '"b1"' });
    expect(await engine.check(v1.source)).toBe('ok');
    await engine.applyStaged();
    const v2 = await packSource(2, { 'a.json': '"a2"', 'b.json': '"b2"', 'c.json': '"c2"' });
    let fetched = 0;
    const failing: PackSource = {
      ...v2.source,
      async blob(hash, size) {
        fetched++;
        if (fetched === 1) throw new SourceError('connection reset');
        return v2.source.blob(hash, size);
      },
    };
    expect(await engine.check(failing)).toBe('NETWORK_ERROR');
    await new Promise((r) => setTimeout(r, 50));
    expect(fetched).toBe(2); // the other worker finishes its blob, then nothing more is fetched
    expect(await cache.activeVersion()).toBe(1);
    for (const file of v1.manifest.files) await expect(cache.blob(file.sha256)).resolves.toBeDefined();
    expect(await engine.check(v2.source)).toBe('ok');
    await engine.applyStaged();
    expect(await cache.activeVersion()).toBe(2);
  });

  it('after a restart, stages again a pack that was downloaded whole but not switched to', async () => {
    const name = `engine-restart-${n++}`;
    const before = open(name);
    const v1 = await packSource(1, { 'a.json': '"a1"' });
    const v2 = await packSource(2, { 'a.json': '"a2"', 'b.json': '"b2"' });
    expect(await before.engine.check(v1.source)).toBe('ok');
    await before.engine.applyStaged();
    expect(await before.engine.check(v2.source)).toBe('ok');
    expect(before.engine.staged.value).toBe(2);

    // The page reloads: a new engine knows nothing staged until it looks.
    const after = open(name);
    expect(after.engine.staged.value).toBeNull();
    expect(await after.engine.restoreStaged()).toBe(2);
    expect(after.engine.staged.value).toBe(2);
    expect(await after.cache.activeVersion()).toBe(1);
    await after.engine.applyStaged();
    expect(await after.cache.activeVersion()).toBe(2);
    // Nothing newer than the active pack: nothing to stage.
    expect(await open(name).engine.restoreStaged()).toBeNull();
  });

  it('does not stage a pack again when one of its blobs is gone', async () => {
    const name = `engine-restart-${n++}`;
    const { db, engine } = open(name);
    const v1 = await packSource(1, { 'a.json': '"a1"' });
    const v2 = await packSource(2, { 'a.json': '"a2"', 'b.json': '"b2"' });
    expect(await engine.check(v1.source)).toBe('ok');
    await engine.applyStaged();
    expect(await engine.check(v2.source)).toBe('ok');
    await (await db).delete('blobs', v2.manifest.files[1]?.sha256 ?? '');
    expect(await open(name).engine.restoreStaged()).toBeNull();
  });

  it('opens a pack stored by the app from before roots (one built-in key, the legacy envelope)', async () => {
    // Root 1 names the key the old app had built in, so the pack it stored still opens.
    const local = await createTrustWorld();
    const [oldKey] = local.contentKeys;
    if (!oldKey) throw new Error('no key');
    const db = openKioskDb(`engine-legacy-${n++}`);
    const trust = createKioskTrust({
      db: () => db,
      firstRoot: JSON.parse(local.rootTexts()[0] as string),
      subtle,
      floorMs: 0,
    });
    const cache = createContentCache(db, (json) => trust.verifyStored(json), subtle);
    const bytes = bytesOf('"from the old app"');
    const manifest: PackManifest = {
      format: 1,
      version: 7,
      created: '2026-01-01T00:00:00.000Z',
      expires: '2099-01-01T00:00:00.000Z',
      files: [{ path: 'a.json', sha256: sha(bytes), size: bytes.byteLength, type: 'application/json' }],
    };
    await cache.putBlob(sha(bytes), bytes, 'application/json');
    await cache.savePack(JSON.stringify(await signManifest(manifest, oldKey)), 7, true);
    await cache.activate(7);
    expect((await cache.pack(7))?.manifest.version).toBe(7);
    // A stored pack signed by a key no root ever listed does not open.
    const stranger = await generatePublisherKey();
    await cache.savePack(JSON.stringify(await signManifest({ ...manifest, version: 8 }, stranger)), 8, true);
    await expect(cache.pack(8)).rejects.toMatchObject({ code: 'PACK_SIGNATURE_INVALID' });
  });

  it('after a rotation undid a fast-forward, stages the accepted pack again after a restart though it is lower', async () => {
    const name = `engine-ff-${n++}`;
    const before = open(name);
    const stolen = await packSource(Number.MAX_SAFE_INTEGER, { 'a.json': '"stolen"' });
    expect(await before.engine.check(stolen.source)).toBe('ok');
    await before.engine.applyStaged();
    const honest = await packSource(5, { 'a.json': '"honest"' });
    expect(await before.engine.check(honest.source)).toBe('PACK_VERSION_ROLLBACK');
    await world.rotate({ fresh: ['content'] });
    const recovered = await packSource(5, { 'a.json': '"honest"' });
    expect(await before.engine.check(recovered.source)).toBe('ok');
    // The page reloads before the idle screen: the accepted pack 5 waits for it again.
    const after = open(name);
    expect(await after.engine.restoreStaged()).toBe(5);
    await after.engine.applyStaged();
    expect(await after.cache.activeVersion()).toBe(5);
    // The active pack is the honest one; the one the stolen key signed was collected.
    expect(new TextDecoder().decode(await after.cache.blob(recovered.manifest.files[0]?.sha256 ?? ''))).toBe(
      '"honest"',
    );
  });

  it('refuses a pack signed by a revoked key and keeps showing the active one', async () => {
    const { cache, engine } = fresh();
    const v1 = await packSource(1, { 'a.json': '"a1"' });
    expect(await engine.check(v1.source)).toBe('ok');
    await engine.applyStaged();
    const stolenKeys = world.contentKeys;
    await world.rotate({ fresh: ['content'] });
    const forged = await packSource(2, { 'a.json': '"forged"' });
    const signedByStolen: PackSource = {
      ...forged.source,
      content: async () => world.content(forged.manifest, stolenKeys),
    };
    expect(await engine.check(signedByStolen)).toBe('PACK_KEY_REVOKED');
    expect(await cache.activeVersion()).toBe(1);
    expect(new TextDecoder().decode(await cache.blob(v1.manifest.files[0]?.sha256 ?? ''))).toBe('"a1"');
  });
});
