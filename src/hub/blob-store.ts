import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const SHA256 = /^[0-9a-f]{64}$/;

/** A put of bytes already stored refreshes the blob's time when it is older than this (see gc). */
export const TOUCH_AFTER_MS = 3_600_000;

/** Settings both stores share. */
export interface BlobStoreOptions {
  /** A put of stored bytes refreshes the blob's time when it is at least this old (default 1 hour). */
  touchAfterMs?: number;
}

/** A blob that is not in the store (or a name that is not a sha256). */
export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`BLOB_NOT_FOUND: ${sha256}`);
    this.name = 'BlobNotFoundError';
  }
}

/** One blob as a listing gives it. */
export interface BlobInfo {
  sha256: string;
  size: number;
  /** When it was written, or last put again (a put of bytes already stored refreshes it). */
  modifiedAt: Date;
}

/** An inclusive byte range, as an HTTP Range header asks. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A blob opened for sending: its bytes (all, or the range asked for) and its full size. */
export interface BlobRead {
  body: Readable;
  /** The whole blob's size. */
  size: number;
  /** The range the body holds, when one was asked for. */
  range?: ByteRange;
}

/**
 * Pack blobs, content-addressed (named by the sha256 of their bytes) and immutable once
 * written. Two implementations: a local folder (the embedded default) and S3-compatible object
 * storage (`blob-store-s3.ts`). Both pass `blob-store.suite.ts`.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** A local store's folder (the hub sends its files with sendFile); undefined for object storage. */
  readonly dir?: string;
  /** A short, credential-free description for logs and the start banner. */
  readonly description: string;
  has(sha256: string): Promise<boolean>;
  /** The blob's size in bytes, or null when it is missing. */
  size(sha256: string): Promise<number | null>;
  /** Those of `hashes` that are not stored, in the order given (duplicates once). */
  missing(hashes: Iterable<string>): Promise<string[]>;
  /**
   * Stores bytes under their hash; refuses bytes that do not match `expected`. Bytes already
   * stored are not written again, but their time is refreshed so a collection of unreferenced
   * blobs running meanwhile spares them (its grace period).
   */
  put(bytes: Uint8Array, expected?: string): Promise<string>;
  /** The whole blob; BlobNotFoundError when it is missing. */
  get(sha256: string): Promise<Buffer>;
  /** The blob (or a range of it) as a stream, or null when it is missing. */
  read(sha256: string, range?: ByteRange): Promise<BlobRead | null>;
  /** Every stored blob (any order). */
  list(): AsyncIterable<BlobInfo>;
  /** Deletes a blob (no error when it is already gone). Only garbage collection calls this. */
  delete(sha256: string): Promise<void>;
  /** Throws when the store cannot be reached (the readiness check). */
  check(): Promise<void>;
}

/** Throws unless `sha256` is 64 lowercase hex digits (so it can never name another path). */
export function assertSha256(sha256: string): void {
  if (!SHA256.test(sha256)) throw new BlobNotFoundError(sha256);
}

/** The sha256 (hex) of bytes, refusing them when they do not match `expected`. */
export function hashOf(bytes: Uint8Array, expected?: string): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expected && expected !== sha256)
    throw new Error(`BLOB_HASH_MISMATCH: expected ${expected}, got ${sha256}`);
  return sha256;
}

/** Those of `hashes` for which `has` is false, asking at most `parallel` at a time. */
export async function missingOf(
  hashes: Iterable<string>,
  has: (sha256: string) => Promise<boolean>,
  parallel: number,
): Promise<string[]> {
  const unique = [...new Set(hashes)];
  const absent = new Array<boolean>(unique.length).fill(false);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < unique.length; i = next++) absent[i] = !(await has(unique[i] as string));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, unique.length) }, worker));
  return unique.filter((_, i) => absent[i]);
}

const isMissing = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';

/** Pack blobs in a local folder, each file named by its sha256: the embedded default. */
export function createBlobStore(dir: string, options: BlobStoreOptions = {}): BlobStore {
  const touchAfter = options.touchAfterMs ?? TOUCH_AFTER_MS;
  const path = (sha256: string) => {
    assertSha256(sha256);
    return join(dir, sha256);
  };
  const has = async (sha256: string) => {
    try {
      await access(path(sha256));
      return true;
    } catch {
      return false;
    }
  };
  return {
    kind: 'local',
    dir,
    description: `folder ${dir}`,
    has,
    async size(sha256) {
      try {
        return (await stat(path(sha256))).size;
      } catch (error) {
        if (isMissing(error) || error instanceof BlobNotFoundError) return null;
        throw error;
      }
    },
    missing: (hashes) => missingOf(hashes, has, 16),
    async put(bytes, expected) {
      const sha256 = hashOf(bytes, expected);
      const target = path(sha256);
      try {
        const { mtimeMs } = await stat(target);
        if (Date.now() - mtimeMs >= touchAfter) {
          const now = new Date();
          await utimes(target, now, now);
        }
        return sha256;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      await mkdir(dir, { recursive: true });
      // Write then rename, so a crash never leaves a half blob under a valid name.
      const tmp = join(dir, `.${sha256}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
      await writeFile(tmp, bytes);
      await rename(tmp, target);
      return sha256;
    },
    async get(sha256) {
      try {
        return await readFile(path(sha256));
      } catch (error) {
        if (isMissing(error)) throw new BlobNotFoundError(sha256);
        throw error;
      }
    },
    async read(sha256, range) {
      try {
        const { size } = await stat(path(sha256));
        const body = createReadStream(path(sha256), range ? { start: range.start, end: range.end } : {});
        return { body, size, ...(range ? { range } : {}) };
      } catch (error) {
        if (isMissing(error) || error instanceof BlobNotFoundError) return null;
        throw error;
      }
    },
    async *list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      for (const name of names) {
        if (!SHA256.test(name)) continue;
        try {
          const s = await stat(join(dir, name));
          yield { sha256: name, size: s.size, modifiedAt: s.mtime };
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
      }
    },
    async delete(sha256) {
      try {
        await unlink(path(sha256));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
    async check() {
      await mkdir(dir, { recursive: true });
      await access(dir);
    },
  };
}
