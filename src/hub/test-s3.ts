/** An S3-compatible server (s3rver, a dev dependency) on a loopback port, for tests and benchmarks. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** Kiosks fetch blobs from another origin when KEPU_BLOB_BASE_URL points here: allow any GET. */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export interface TestS3 {
  /** The endpoint, e.g. http://127.0.0.1:41234 */
  endpoint: string;
  bucket: string;
  /** The AWS variables a hub needs to reach it (KEPU_BLOB_STORE not included). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 (a free port unless `port` is given) with one bucket. */
export async function startTestS3(
  options: { bucket?: string; port?: number; dir?: string } = {},
): Promise<TestS3> {
  const bucket = options.bucket ?? 'kepu-test';
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'kepu-s3-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [CORS] }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
    async close() {
      await server.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
