import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobBaseUrlFromEnv, blobStoreFromEnv } from './blob-config.ts';
import { blobStoreSuite } from './blob-store.suite.ts';
import { createBlobStore } from './blob-store.ts';
import { createS3BlobStore, parseS3Location, s3ConfigFromEnv } from './blob-store-s3.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';

const dir = mkdtempSync(join(tmpdir(), 'kepu-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

blobStoreSuite('local folder blob store', async (options) => createBlobStore(join(dir, 'blobs'), options));

let s3: TestS3 | undefined;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});
blobStoreSuite('S3 blob store (s3rver)', async (options) => {
  if (!s3) throw new Error('s3rver did not start');
  return createS3BlobStore(
    parseS3Location(`s3://${s3.bucket}/packs/blobs`),
    s3ConfigFromEnv({ ...process.env, ...s3.env }),
    options,
  );
});

describe('blob store settings', () => {
  it('parses s3://bucket/prefix and refuses what is not one', () => {
    expect(parseS3Location('s3://kepu-packs/province/blobs/')).toEqual({
      bucket: 'kepu-packs',
      prefix: 'province/blobs',
    });
    expect(parseS3Location('s3://kepu-packs')).toEqual({ bucket: 'kepu-packs', prefix: '' });
    for (const bad of [
      's3://',
      's3://UPPER/x',
      's3://a/x',
      'https://bucket/x',
      's3://bucket/../x',
      's3://bucket/a b',
    ]) {
      expect(() => parseS3Location(bad)).toThrow(/KEPU_BLOB_STORE/);
    }
  });

  it('reads the usual AWS variables; path-style addresses for a custom endpoint', () => {
    const custom = s3ConfigFromEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9000', AWS_REGION: 'cn-south-1' });
    expect(custom).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      region: 'cn-south-1',
      forcePathStyle: true,
    });
    const aws = s3ConfigFromEnv({ AWS_DEFAULT_REGION: 'ap-east-1' });
    expect(aws).toMatchObject({ region: 'ap-east-1', forcePathStyle: false });
    expect(aws.endpoint).toBeUndefined();
    expect(s3ConfigFromEnv({ AWS_ENDPOINT_URL: 'http://x', KEPU_S3_PATH_STYLE: '0' }).forcePathStyle).toBe(
      false,
    );
  });

  it('picks the folder by default and S3 for KEPU_BLOB_STORE', () => {
    expect(blobStoreFromEnv({}, dir).kind).toBe('local');
    expect(blobStoreFromEnv({}, dir).dir).toBe(join(dir, 'blobs'));
    expect(
      blobStoreFromEnv({ KEPU_BLOB_STORE: 's3://kepu/x', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, dir).kind,
    ).toBe('s3');
    expect(() => blobStoreFromEnv({ KEPU_BLOB_STORE: '/var/blobs' }, dir)).toThrow(/s3:\/\//);
  });

  it('KEPU_BLOB_BASE_URL: an http(s) address without query or credentials', () => {
    expect(blobBaseUrlFromEnv({})).toBeUndefined();
    expect(blobBaseUrlFromEnv({ KEPU_BLOB_BASE_URL: 'https://cdn.example.org/kepu/blobs/' })).toBe(
      'https://cdn.example.org/kepu/blobs',
    );
    for (const bad of ['cdn.example.org', 'ftp://x/y', 'https://x/?a=1', 'https://u:p@x/']) {
      expect(() => blobBaseUrlFromEnv({ KEPU_BLOB_BASE_URL: bad })).toThrow(/KEPU_BLOB_BASE_URL/);
    }
  });

  it('an S3 store whose bucket does not exist fails its check', async () => {
    if (!s3) throw new Error('s3rver did not start');
    const store = createS3BlobStore({ bucket: 'no-such-bucket', prefix: '' }, s3ConfigFromEnv({ ...s3.env }));
    await expect(store.check()).rejects.toThrow();
  });
});
