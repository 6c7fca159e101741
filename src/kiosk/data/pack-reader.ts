import * as v from 'valibot';
import { findFile, type PackManifest, type TrustedKey } from '../../protocol/pack-manifest.ts';
import { PackError, type SubtleLike, verifyBlob, verifyManifest } from '../../protocol/pack-verify.ts';

/** Reads files of one verified content pack. The update engine will provide another source. */
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

async function fetchOk(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ContentError('CONTENT_UNAVAILABLE', `${url}: ${String(error)}`);
  }
  if (!response.ok) throw new ContentError('CONTENT_UNAVAILABLE', `${url}: HTTP ${response.status}`);
  return response;
}

/**
 * Opens the pack served at `base` (`manifest.json` and `blobs/<sha256>`), verifying the
 * manifest's signature against the kiosk's built-in keys before anything is read.
 */
export async function openHttpPack(
  base: string,
  keys: readonly TrustedKey[],
  subtle: SubtleLike = crypto.subtle as unknown as SubtleLike,
): Promise<PackReader> {
  const raw: unknown = await (await fetchOk(`${base}/manifest.json`)).json().catch(() => {
    throw new ContentError('CONTENT_INVALID', 'manifest.json is not JSON');
  });
  // The bundled pack is accepted even past its expiry: showing it beats an empty kiosk.
  const manifest = await verifyManifest(raw, { subtle, keys, now: new Date(0) });
  const urls = new Map<string, Promise<string>>();

  async function bytes(path: string): Promise<Uint8Array> {
    const file = findFile(manifest, path);
    if (!file) throw new ContentError('CONTENT_MISSING', `${path} is not in pack ${manifest.version}`);
    const data = new Uint8Array(await (await fetchOk(`${base}/blobs/${file.sha256}`)).arrayBuffer());
    await verifyBlob(subtle, data, file.sha256);
    return data;
  }

  return {
    manifest,
    bytes,
    async json(path, schema) {
      const text = new TextDecoder().decode(await bytes(path));
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ContentError('CONTENT_INVALID', `${path} is not JSON`);
      }
      const result = v.safeParse(schema, parsed);
      if (!result.success) throw new ContentError('CONTENT_INVALID', `${path}: ${result.issues[0].message}`);
      return result.output;
    },
    url(path) {
      let url = urls.get(path);
      if (!url) {
        const type = findFile(manifest, path)?.type ?? 'application/octet-stream';
        url = bytes(path).then((data) => URL.createObjectURL(new Blob([data as BlobPart], { type })));
        // A failed read may succeed later (network back): do not cache the failure.
        url.catch(() => urls.delete(path));
        urls.set(path, url);
      }
      return url;
    },
  };
}

/** The code of any error, for logs and heartbeats. */
export function errorCode(error: unknown): ContentErrorCode {
  if (error instanceof ContentError || error instanceof PackError) return error.code;
  return 'CONTENT_UNAVAILABLE';
}
