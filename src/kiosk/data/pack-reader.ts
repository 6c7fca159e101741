import * as v from 'valibot';
import { findFile, type PackFile, type PackManifest } from '../../protocol/pack-manifest.ts';
import { PackError } from '../../protocol/pack-verify.ts';
import { BLOB_PATH, type ContentCache } from './content-cache.ts';

/** Reads files of one verified content pack: the one active when it was opened. */
export interface PackReader {
  readonly manifest: PackManifest;
  /** A file's bytes, verified against the manifest's sha256. */
  bytes(path: string): Promise<Uint8Array>;
  /** A JSON file, verified and checked against a schema. */
  json<T>(path: string, schema: v.GenericSchema<unknown, T>): Promise<T>;
  /** An address an <img> or <audio> can use for the file (verified bytes, right media type). */
  url(path: string): Promise<string>;
}

/** Why content could not be shown; every code is reported, and the resident sees a calm message. */
export type ContentErrorCode =
  | PackError['code']
  | 'CONTENT_UNAVAILABLE'
  | 'CONTENT_INVALID'
  | 'CONTENT_MISSING';

export class ContentError extends Error {
  constructor(
    readonly code: ContentErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ContentError';
  }
}

/**
 * Opens the active pack in the content cache. Pictures are addressed through the service
 * worker (which serves the cache by hash) when it controls the page, else as object URLs of
 * the verified bytes.
 */
export async function openActivePack(cache: ContentCache): Promise<PackReader> {
  const version = await cache.activeVersion();
  if (version === null) throw new ContentError('CONTENT_UNAVAILABLE', 'no content pack installed');
  const stored = await cache.pack(version).catch((error: unknown) => {
    throw new ContentError(error instanceof PackError ? error.code : 'CONTENT_INVALID', String(error));
  });
  if (!stored) throw new ContentError('CONTENT_MISSING', `pack ${version} is not stored`);
  return packReader(stored.manifest, (file) => cache.blob(file.sha256), true);
}

/**
 * A reader over a verified manifest whose blobs come from `blob` (which must verify each one's
 * hash). `cacheUrls`: pictures by hash through the service worker, which serves the content
 * cache; otherwise (or without a controlling worker) object URLs of the verified bytes.
 */
export function packReader(
  manifest: PackManifest,
  blob: (file: PackFile) => Promise<Uint8Array>,
  cacheUrls: boolean,
): PackReader {
  const urls = new Map<string, Promise<string>>();

  function fileOf(path: string) {
    const file = findFile(manifest, path);
    if (!file) throw new ContentError('CONTENT_MISSING', `${path} is not in pack ${manifest.version}`);
    return file;
  }

  async function bytes(path: string): Promise<Uint8Array> {
    return blob(fileOf(path)).catch((error: unknown) => {
      throw new ContentError(error instanceof PackError ? error.code : 'CONTENT_MISSING', String(error));
    });
  }

  return {
    manifest,
    bytes,
    async json(path, schema) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder().decode(await bytes(path)));
      } catch (error) {
        if (error instanceof ContentError) throw error;
        throw new ContentError('CONTENT_INVALID', `${path} is not JSON`);
      }
      const result = v.safeParse(schema, parsed);
      if (!result.success) throw new ContentError('CONTENT_INVALID', `${path}: ${result.issues[0].message}`);
      return result.output;
    },
    url(path) {
      const file = fileOf(path);
      if (cacheUrls && navigator.serviceWorker?.controller) return Promise.resolve(BLOB_PATH + file.sha256);
      let url = urls.get(path);
      if (!url) {
        url = bytes(path).then((data) =>
          URL.createObjectURL(new Blob([data as BlobPart], { type: file.type })),
        );
        url.catch(() => urls.delete(path));
        urls.set(path, url);
      }
      return url;
    },
  };
}
