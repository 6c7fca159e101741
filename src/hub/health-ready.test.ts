import { afterAll, beforeAll, expect, it } from 'vitest';
import { createS3BlobStore, s3ConfigFromEnv } from './blob-store-s3.ts';
import { startTestHub } from './test-hub.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

it('readiness: 200 when the database and the blob store answer, 503 NOT_READY naming what does not', async () => {
  const ok = await startTestHub({
    blobs: createS3BlobStore({ bucket: s3.bucket, prefix: 'ready' }, s3ConfigFromEnv({ ...s3.env })),
  });
  const broken = await startTestHub({
    blobs: createS3BlobStore({ bucket: 'no-such-bucket', prefix: '' }, s3ConfigFromEnv({ ...s3.env })),
  });
  try {
    const good = await fetch(`${ok.url}/api/v1/health/ready`);
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ status: 'ready', storage: 'sqlite', blobs: 's3' });
    const bad = await fetch(`${broken.url}/api/v1/health/ready`);
    expect(bad.status).toBe(503);
    expect(await bad.json()).toEqual({ code: 'NOT_READY', message: 'not answering: blob store (s3)' });
    // Liveness stays up: the process itself is fine.
    expect((await fetch(`${broken.url}/api/v1/health`)).status).toBe(200);
  } finally {
    await ok.close();
    await broken.close();
  }
});
