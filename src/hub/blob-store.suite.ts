import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, type BlobStore, type BlobStoreOptions } from './blob-store.ts';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const bytes = (s: string) => new TextEncoder().encode(s);
let n = 0;
/** Bytes no other test of the run has stored (the stores may be shared). */
const fresh = (label: string) => bytes(`${label} ${process.pid} ${Date.now()} ${++n} ${Math.random()}`);

/**
 * The one suite both blob stores pass. `open` returns a store on the same place each call
 * (another hub process), with the given options.
 */
export function blobStoreSuite(name: string, open: (options?: BlobStoreOptions) => Promise<BlobStore>): void {
  describe(name, () => {
    let store: BlobStore;
    beforeAll(async () => {
      store = await open();
      await store.check();
    });
    afterAll(() => {});

    it('stores bytes under their sha256 and gives them back', async () => {
      const b = fresh('a');
      const hash = await store.put(b);
      expect(hash).toBe(sha(b));
      expect(await store.has(hash)).toBe(true);
      expect(new Uint8Array(await store.get(hash))).toEqual(b);
      // Another process on the same place sees it.
      const other = await open();
      expect(new Uint8Array(await other.get(hash))).toEqual(b);
    });

    it('refuses bytes that do not match the expected hash, and stores nothing', async () => {
      const b = fresh('b');
      const wrong = sha(fresh('other'));
      await expect(store.put(b, wrong)).rejects.toThrow(/BLOB_HASH_MISMATCH/);
      expect(await store.has(sha(b))).toBe(false);
      expect(await store.has(wrong)).toBe(false);
      expect(await store.put(b, sha(b))).toBe(sha(b));
    });

    it('says which blobs are missing, in the order asked, each once', async () => {
      const a = await store.put(fresh('m1'));
      const x = sha(fresh('absent-1'));
      const y = sha(fresh('absent-2'));
      expect(await store.missing([x, a, y, x])).toEqual([x, y]);
      expect(await store.missing([a])).toEqual([]);
      expect(await store.missing([])).toEqual([]);
    });

    it('a missing blob: get throws BlobNotFoundError, read gives null, has false', async () => {
      const x = sha(fresh('never stored'));
      await expect(store.get(x)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.read(x)).toBeNull();
      expect(await store.has(x)).toBe(false);
    });

    it('names that are not a sha256 never reach a path or key', async () => {
      for (const bad of ['../../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}/`, '']) {
        expect(await store.has(bad)).toBe(false);
        await expect(store.get(bad)).rejects.toBeInstanceOf(BlobNotFoundError);
        expect(await store.read(bad)).toBeNull();
      }
    });

    it('reads a blob whole or a byte range of it, as a stream', async () => {
      const b = bytes(`0123456789-${Math.random()}`);
      const hash = await store.put(b);
      expect(await store.size(hash)).toBe(b.byteLength);
      expect(await store.size(sha(fresh('no size')))).toBeNull();
      const whole = await store.read(hash);
      expect(whole?.size).toBe(b.byteLength);
      expect(whole ? await text(whole.body) : null).toBe(new TextDecoder().decode(b));
      const part = await store.read(hash, { start: 2, end: 5 });
      expect(part?.size).toBe(b.byteLength);
      expect(part?.range).toEqual({ start: 2, end: 5 });
      expect(part ? await text(part.body) : null).toBe('2345');
    });

    it('the same bytes put at once from many callers end as one blob', async () => {
      const b = fresh('race');
      const hashes = await Promise.all(Array.from({ length: 8 }, () => store.put(b)));
      expect(new Set(hashes)).toEqual(new Set([sha(b)]));
      expect(new Uint8Array(await store.get(sha(b)))).toEqual(b);
      const listed = [];
      for await (const info of store.list()) if (info.sha256 === sha(b)) listed.push(info);
      expect(listed).toHaveLength(1);
    });

    it('lists every blob with its size and time, and deletes one (twice is no error)', async () => {
      const b = fresh('listed');
      const hash = await store.put(b);
      const before = Date.now();
      let found: { size: number; modifiedAt: Date } | undefined;
      for await (const info of store.list()) {
        expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
        if (info.sha256 === hash) found = info;
      }
      expect(found?.size).toBe(b.byteLength);
      expect(Math.abs((found?.modifiedAt.getTime() ?? 0) - before)).toBeLessThan(60_000);
      await store.delete(hash);
      await store.delete(hash);
      expect(await store.has(hash)).toBe(false);
    });

    it('a put of bytes already stored refreshes the blob time (the collector grace period)', async () => {
      const touching = await open({ touchAfterMs: 0 });
      const b = fresh('touched');
      const hash = await touching.put(b);
      const time = async () => {
        for await (const info of touching.list()) if (info.sha256 === hash) return info.modifiedAt.getTime();
        return -1;
      };
      const first = await time();
      // Object stores keep whole seconds.
      await new Promise((r) => setTimeout(r, 1100));
      await touching.put(b);
      expect(await time()).toBeGreaterThan(first);
      expect(new Uint8Array(await touching.get(hash))).toEqual(b);
    });
  });
}
