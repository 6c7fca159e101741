import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/** Pack blobs on disk, each file named by its sha256. Immutable once written. */
export function createBlobStore(dir: string) {
  return {
    dir,
    /** The file path of a blob (not checked for existence). */
    path(sha256: string): string {
      if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
      return join(dir, sha256);
    },
    async has(sha256: string): Promise<boolean> {
      try {
        await access(this.path(sha256));
        return true;
      } catch {
        return false;
      }
    },
    /** Stores bytes under their hash; refuses bytes that do not match `expected`. */
    async put(bytes: Uint8Array, expected?: string): Promise<string> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (expected && expected !== sha256)
        throw new Error(`BLOB_HASH_MISMATCH: expected ${expected}, got ${sha256}`);
      if (await this.has(sha256)) return sha256;
      await mkdir(dir, { recursive: true });
      // Write then rename, so a crash never leaves a half blob under a valid name.
      const tmp = join(dir, `.${sha256}.${process.pid}.tmp`);
      await writeFile(tmp, bytes);
      await rename(tmp, this.path(sha256));
      return sha256;
    },
    async get(sha256: string): Promise<Buffer> {
      return readFile(this.path(sha256));
    },
  };
}

export type BlobStore = ReturnType<typeof createBlobStore>;
