import { resolve } from 'node:path';
import { type BlobStore, createBlobStore } from './blob-store.ts';
import { createS3BlobStore, parseS3Location, s3ConfigFromEnv } from './blob-store-s3.ts';

/**
 * The blob store the environment asks for: `KEPU_BLOB_STORE=s3://bucket/prefix` for
 * S3-compatible object storage (endpoint, region and credentials from the usual AWS
 * variables), otherwise the folder `<dataDir>/blobs` (the embedded default).
 */
export function blobStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): BlobStore {
  const spec = env.KEPU_BLOB_STORE?.trim();
  if (!spec) return createBlobStore(resolve(dataDir, 'blobs'));
  if (!spec.startsWith('s3://')) {
    throw new Error(`KEPU_BLOB_STORE must be s3://bucket/prefix (leave it unset for ${dataDir}/blobs)`);
  }
  return createS3BlobStore(parseS3Location(spec), s3ConfigFromEnv(env));
}

/**
 * KEPU_BLOB_BASE_URL: a public or CDN address that serves the store's blobs as
 * `<base>/<sha256>`. Kiosks asking the hub for a blob are redirected there. Undefined when unset.
 */
export function blobBaseUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.KEPU_BLOB_BASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`KEPU_BLOB_BASE_URL is not an address: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`KEPU_BLOB_BASE_URL must be http(s): ${raw}`);
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`KEPU_BLOB_BASE_URL may not carry a query, fragment or credentials: ${raw}`);
  return url.toString().replace(/\/+$/, '');
}
