import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import {
  assertSha256,
  BlobNotFoundError,
  type BlobStore,
  type BlobStoreOptions,
  hashOf,
  missingOf,
  TOUCH_AFTER_MS,
} from './blob-store.ts';

/** Where blobs live in object storage: `s3://bucket/prefix` (the prefix may be empty). */
export interface S3Location {
  bucket: string;
  /** Key prefix without a trailing slash ('' for the bucket's root). */
  prefix: string;
}

/** Parses KEPU_BLOB_STORE's `s3://bucket/prefix`; throws with the reason when it is not one. */
export function parseS3Location(spec: string): S3Location {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(spec.trim());
  if (!match?.[1]) {
    throw new Error(
      `KEPU_BLOB_STORE must be s3://bucket/prefix (a bucket name of 3 to 63 lowercase letters, digits, dots and dashes), not ${spec}`,
    );
  }
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (/[^A-Za-z0-9/_.-]/.test(prefix) || prefix.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(`the prefix in KEPU_BLOB_STORE may hold only letters, digits, / _ . -: ${spec}`);
  }
  return { bucket: match[1], prefix };
}

/** The S3 client settings from the usual AWS variables (credentials come from the SDK's chain). */
export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3ClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  // S3-compatible servers (MinIO, Ceph, s3rver) want bucket names in the path, AWS the host.
  const pathStyle = env.KEPU_S3_PATH_STYLE ? env.KEPU_S3_PATH_STYLE === '1' : endpoint !== undefined;
  return {
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    forcePathStyle: pathStyle,
    ...(endpoint ? { endpoint } : {}),
    // Keys given in these variables; without them the SDK's own chain (profiles, instance roles).
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
    // Checksums only where S3 demands them: several compatible servers refuse the newer ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A stuck request fails (the kiosk retries) instead of holding one of the SDK's sockets.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
    maxAttempts: 3,
  };
}

const status = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
const isNotFound = (error: unknown) => {
  const name = (error as { name?: string })?.name;
  return status(error) === 404 || name === 'NotFound' || name === 'NoSuchKey';
};

/** Pack blobs in S3-compatible object storage, one object per blob at `<prefix>/<sha256>`. */
export function createS3BlobStore(
  location: S3Location,
  config: S3ClientConfig,
  options: BlobStoreOptions = {},
): BlobStore & { client: S3Client } {
  const touchAfter = options.touchAfterMs ?? TOUCH_AFTER_MS;
  const client = new S3Client(config);
  const { bucket } = location;
  const base = location.prefix ? `${location.prefix}/` : '';
  const key = (sha256: string) => {
    assertSha256(sha256);
    return `${base}${sha256}`;
  };
  const head = async (sha256: string) => {
    try {
      return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key(sha256) }));
    } catch (error) {
      if (isNotFound(error) || error instanceof BlobNotFoundError) return null;
      throw error;
    }
  };
  const has = async (sha256: string) => (await head(sha256)) !== null;

  return {
    kind: 's3',
    client,
    description: `s3://${bucket}/${location.prefix}${config.endpoint ? ` at ${String(config.endpoint)}` : ''}`,
    has,
    size: async (sha256) => {
      const object = await head(sha256);
      return object ? (object.ContentLength ?? 0) : null;
    },
    missing: (hashes) => missingOf(hashes, has, 16),
    async put(bytes, expected) {
      const sha256 = hashOf(bytes, expected);
      const existing = await head(sha256);
      // Content-addressed: the same name holds the same bytes, so a stored blob is not written
      // again, unless it is old: then the same bytes are put again, which refreshes its time
      // (what garbage collection's grace period reads) on every S3-compatible server, where a
      // copy onto itself does not on all of them.
      if (existing && Date.now() - (existing.LastModified?.getTime() ?? 0) < touchAfter) return sha256;
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key(sha256),
          Body: bytes,
          ContentLength: bytes.byteLength,
          // The server checks the bytes it received against this before storing them.
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
          ContentType: 'application/octet-stream',
          CacheControl: 'public, max-age=31536000, immutable',
          Metadata: { sha256 },
        }),
      );
      return sha256;
    },
    async get(sha256) {
      let bytes: Uint8Array;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(sha256) }));
        if (!object.Body) throw new BlobNotFoundError(sha256);
        bytes = await object.Body.transformToByteArray();
      } catch (error) {
        if (isNotFound(error)) throw new BlobNotFoundError(sha256);
        throw error;
      }
      // What the hub reads for itself (catalogs, exports) is checked: a damaged object is an error.
      hashOf(bytes, sha256);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async read(sha256, range) {
      try {
        const object = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: key(sha256),
            ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
          }),
        );
        if (!(object.Body instanceof Readable)) throw new Error('the S3 client gave no stream');
        const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
        const size = range && total ? Number(total) : (object.ContentLength ?? 0);
        return { body: object.Body, size, ...(range ? { range } : {}) };
      } catch (error) {
        if (isNotFound(error) || error instanceof BlobNotFoundError) return null;
        throw error;
      }
    },
    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: base,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const object of page.Contents ?? []) {
          const name = object.Key?.slice(base.length) ?? '';
          if (!/^[0-9a-f]{64}$/.test(name)) continue;
          yield { sha256: name, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async delete(sha256) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(sha256) }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
  };
}
