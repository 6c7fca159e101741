import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from '../protocol/pack-manifest.ts';
import type { BlobStore } from './blob-store.ts';
import { createS3BlobStore, parseS3Location, s3ConfigFromEnv } from './blob-store-s3.ts';
import { startTestHub, type TestHub } from './test-hub.ts';
import { startTestS3, type TestS3 } from './test-s3.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

function s3Store(prefix: string): BlobStore {
  return createS3BlobStore(
    parseS3Location(`s3://${s3.bucket}/${prefix}`),
    s3ConfigFromEnv({ ...process.env, ...s3.env }),
  );
}

async function manifest(hub: TestHub): Promise<PackManifest> {
  const res = await fetch(`${hub.url}/api/v1/packs/current/manifest`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { manifest: PackManifest }).manifest;
}

for (const kind of ['local', 's3'] as const) {
  describe(`kiosk downloads from the ${kind} blob store`, () => {
    let hub: TestHub;
    beforeAll(async () => {
      hub = await startTestHub({
        publish: true,
        ...(kind === 's3' ? { blobs: s3Store(`serve-${Date.now()}`) } : {}),
      });
    });
    afterAll(async () => {
      await hub?.close();
    });

    it('every file of the published pack comes back with the bytes its hash names', async () => {
      const { files } = await manifest(hub);
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) {
        const res = await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`);
        expect(res.status, file.path).toBe(200);
        expect(res.headers.get('cache-control')).toContain('immutable');
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect(bytes.byteLength).toBe(file.size);
        expect(sha(bytes)).toBe(file.sha256);
      }
    });

    it('answers a byte range with 206 and the right bytes', async () => {
      const file = (await manifest(hub)).files.find((f) => f.size > 100);
      if (!file) throw new Error('the fixture has no file over 100 bytes');
      const whole = new Uint8Array(
        await (await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`)).arrayBuffer(),
      );
      const res = await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`, {
        headers: { range: 'bytes=10-49' },
      });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes 10-49/${file.size}`);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(whole.slice(10, 50));
      const tail = await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`, { headers: { range: 'bytes=-5' } });
      expect(tail.status).toBe(206);
      expect(new Uint8Array(await tail.arrayBuffer())).toEqual(whole.slice(-5));
    });

    it('a blob it does not have is a 404 {code, message}', async () => {
      const res = await fetch(`${hub.url}/api/v1/blobs/${'0'.repeat(64)}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses to publish a release whose blobs are missing, and records nothing', async () => {
      const headers = await hub.login('editor');
      const live = await manifest(hub);
      const before = await hub.store.listReleases();
      const victim = live.files[0];
      if (!victim) throw new Error('empty pack');
      const bytes = await hub.blobs.get(victim.sha256);
      await hub.blobs.delete(victim.sha256);
      try {
        const res = await fetch(`${hub.url}/api/v1/admin/releases/${before[0]?.version}/rollback`, {
          method: 'POST',
          headers,
          body: '{}',
        });
        expect(res.status).toBe(409);
        const body = (await res.json()) as { code: string; message: string; missing: string[] };
        expect(body.code).toBe('BLOB_MISSING');
        expect(body.missing).toContain(victim.path);
        expect(await hub.store.listReleases()).toEqual(before);
      } finally {
        await hub.blobs.put(bytes, victim.sha256);
      }
    });
  });
}

describe('KEPU_BLOB_BASE_URL: kiosks are sent to a public address for blobs', () => {
  let hub: TestHub;
  let base: string;
  beforeAll(async () => {
    const prefix = `cdn-${Date.now()}`;
    base = `${s3.endpoint}/${s3.bucket}/${prefix}`;
    hub = await startTestHub({ publish: true, blobs: s3Store(prefix), blobBaseUrl: base });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('redirects each blob to <base>/<sha256>, where the bytes are', async () => {
    const { files } = await manifest(hub);
    for (const file of files.slice(0, 10)) {
      const res = await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`${base}/${file.sha256}`);
      const followed = await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`);
      expect(followed.url).toBe(`${base}/${file.sha256}`);
      expect(sha(new Uint8Array(await followed.arrayBuffer()))).toBe(file.sha256);
    }
  });

  it('the pages allow that origin for fetches, images and media, and nothing else new', async () => {
    const res = await fetch(`${hub.url}/api/v1/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const origin = new URL(base).origin;
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${origin}`));
    expect(csp).toMatch(new RegExp(`img-src 'self' blob: data: ${origin}`));
    expect(csp).toMatch(/script-src 'self';/);
  });
});
