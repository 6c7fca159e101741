import { type PackSource, SourceError } from './update-engine.ts';

async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers, cache: 'no-store' });
  } catch (error) {
    throw new SourceError(`${url}: ${String(error)}`);
  }
  if (response.status !== 304 && !response.ok) throw new SourceError(`${url}: HTTP ${response.status}`);
  return response;
}

/** A response's body; a connection lost partway through is a network error like any other. */
async function bodyOf(response: Response): Promise<ArrayBuffer> {
  try {
    return await response.arrayBuffer();
  } catch (error) {
    throw new SourceError(`${response.url}: body cut off: ${String(error)}`);
  }
}

async function manifestFrom(response: Response) {
  const text = new TextDecoder().decode(await bodyOf(response));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined; // verification reports PACK_MANIFEST_INVALID
  }
  return {
    json,
    text,
    ...(response.headers.get('etag') ? { etag: response.headers.get('etag') as string } : {}),
  };
}

/** The hub: the station group's current manifest (ETag) and blobs by hash. */
export function hubSource(base: string, token: () => string | undefined): PackSource {
  return {
    async manifest(etag) {
      const t = token();
      const response = await get(`${base}/api/v1/packs/current/manifest`, {
        ...(t ? { authorization: `Bearer ${t}` } : {}),
        ...(etag ? { 'if-none-match': etag } : {}),
      });
      return response.status === 304 ? null : manifestFrom(response);
    },
    async blob(sha256) {
      return new Uint8Array(await bodyOf(await get(`${base}/api/v1/blobs/${sha256}`)));
    },
  };
}

/** The pack built into the app (served and precached at /pack/). */
export function bundledSource(base = '/pack'): PackSource {
  return {
    manifest: async () => manifestFrom(await get(`${base}/manifest.json`)),
    blob: async (sha256) => new Uint8Array(await bodyOf(await get(`${base}/blobs/${sha256}`))),
  };
}

/** A pack file from a USB stick: a zip of manifest.json and blobs/<sha256>. */
export async function zipSource(file: Blob): Promise<PackSource> {
  const { unzipSync, strFromU8 } = await import('fflate');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    throw new SourceError(`not a pack file: ${String(error)}`);
  }
  const find = (name: string) =>
    entries[name] ?? entries[Object.keys(entries).find((k) => k.endsWith(`/${name}`)) ?? ''];
  const manifest = find('manifest.json');
  if (!manifest) throw new SourceError('the pack file has no manifest.json');
  return {
    manifest: async () => {
      const text = strFromU8(manifest);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { json, text };
    },
    async blob(sha256) {
      const bytes = find(`blobs/${sha256}`);
      if (!bytes) throw new SourceError(`the pack file has no blob ${sha256}`);
      return bytes;
    },
  };
}
