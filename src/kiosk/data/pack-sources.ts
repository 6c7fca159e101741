import { PackError } from '../../protocol/pack-verify.ts';
import { TRUST_LIMITS } from '../../protocol/trust-metadata.ts';
import { type PackSource, SourceError } from './update-engine.ts';

async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers, cache: 'no-store' });
  } catch (error) {
    throw new SourceError(`${url}: ${String(error)}`);
  }
  if (response.status !== 404 && !response.ok) throw new SourceError(`${url}: HTTP ${response.status}`);
  return response;
}

/**
 * A response's body, read no further than `max` bytes: a longer one (declared or streamed) is
 * cut off and refused with `code`, so endless data never fills the kiosk. A connection lost
 * partway through is a network error like any other.
 */
async function readCapped(
  response: Response,
  max: number,
  code: 'BLOB_TOO_LARGE' | 'METADATA_TOO_LARGE',
): Promise<Uint8Array> {
  const tooLarge = () => new PackError(code, `${response.url}: more than the ${max} bytes signed for`);
  if (response.status === 404) throw new SourceError(`${response.url}: HTTP 404`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new SourceError(`${response.url}: body cut off: ${String(error)}`);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** A root from `url`, or null when there is none (404: the chain ends there). */
async function rootAt(url: string): Promise<Uint8Array | null> {
  const response = await get(url);
  if (response.status === 404) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  return readCapped(response, TRUST_LIMITS.rootBytes, 'METADATA_TOO_LARGE');
}

/** The hub: the root chain, the station group's timestamp, manifests by version, blobs by hash. */
export function hubSource(base: string, token: () => string | undefined): PackSource {
  const auth = (): Record<string, string> => {
    const t = token();
    return t ? { authorization: `Bearer ${t}` } : {};
  };
  return {
    root: (version) => rootAt(`${base}/api/v1/trust/root/${version}`),
    timestamp: async () =>
      readCapped(
        await get(`${base}/api/v1/trust/timestamp`, auth()),
        TRUST_LIMITS.timestampBytes,
        'METADATA_TOO_LARGE',
      ),
    async content(pin, max) {
      if (!pin) throw new SourceError('the hub names its manifest in a timestamp');
      return readCapped(await get(`${base}/api/v1/packs/${pin.version}/manifest`), max, 'METADATA_TOO_LARGE');
    },
    blob: async (sha256, size) =>
      readCapped(await get(`${base}/api/v1/blobs/${sha256}`), size, 'BLOB_TOO_LARGE'),
  };
}

/**
 * The pack built into the app (served and precached at /pack/): its manifest, and the roots
 * after root 1 (`rootCount` of them in all), so a kiosk built after a rotation trusts its
 * own pack offline. No timestamp: a build can be older than a timestamp lives.
 */
export function bundledSource(rootCount: number, base = '/pack'): PackSource {
  return {
    root: async (version) => (version <= rootCount ? rootAt(`${base}/trust/${version}.root.json`) : null),
    content: async (_pin, max) => readCapped(await get(`${base}/manifest.json`), max, 'METADATA_TOO_LARGE'),
    blob: async (sha256, size) => readCapped(await get(`${base}/blobs/${sha256}`), size, 'BLOB_TOO_LARGE'),
  };
}

/**
 * A pack file from a USB stick: a zip of manifest.json, blobs/<sha256> and the root chain as
 * trust/<n>.root.json. Checked like a download, but without a timestamp (a pack carried by
 * hand is older than a timestamp lives): roots, content keys, expiry, rollback, each blob's
 * hash and size. Nothing is inflated before its listed size is known (no zip bombs).
 */
export async function zipSource(file: Blob): Promise<PackSource> {
  const { unzipSync } = await import('fflate');
  const data = new Uint8Array(await file.arrayBuffer());
  const names = new Map<string, number>();
  try {
    // Only the directory is read here (sizes as the zip declares them): nothing is inflated.
    unzipSync(data, {
      filter: (entry) => {
        names.set(entry.name.replace(/^[^/]+\/(?=(manifest\.json|blobs\/|trust\/))/, ''), entry.originalSize);
        return false;
      },
    });
  } catch (error) {
    throw new SourceError(`not a pack file: ${String(error)}`);
  }
  const entry = (name: string, max: number, code: 'BLOB_TOO_LARGE' | 'METADATA_TOO_LARGE') => {
    const size = names.get(name);
    if (size === undefined) return null;
    if (size > max) throw new PackError(code, `${name} is ${size} bytes, more than the ${max} signed for`);
    let found: Uint8Array | undefined;
    try {
      const files = unzipSync(data, {
        filter: (e) => e.name === name || e.name.endsWith(`/${name}`),
      });
      found = Object.values(files)[0];
    } catch (error) {
      throw new SourceError(`the pack file is damaged at ${name}: ${String(error)}`);
    }
    if (!found) return null;
    if (found.byteLength > max) throw new PackError(code, `${name} is more than the ${max} bytes signed for`);
    return found;
  };
  if (!names.has('manifest.json')) throw new SourceError('the pack file has no manifest.json');
  return {
    root: async (version) =>
      entry(`trust/${version}.root.json`, TRUST_LIMITS.rootBytes, 'METADATA_TOO_LARGE'),
    async content(_pin, max) {
      const bytes = entry('manifest.json', max, 'METADATA_TOO_LARGE');
      if (!bytes) throw new SourceError('the pack file has no manifest.json');
      return bytes;
    },
    async blob(sha256, size) {
      const bytes = entry(`blobs/${sha256}`, size, 'BLOB_TOO_LARGE');
      if (!bytes) throw new SourceError(`the pack file has no blob ${sha256}`);
      return bytes;
    },
  };
}
