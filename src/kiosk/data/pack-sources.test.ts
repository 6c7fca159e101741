import { zipSync } from 'fflate';
import { afterEach, expect, it, vi } from 'vitest';
import { PackError } from '../../protocol/pack-verify.ts';
import { hubSource, zipSource } from './pack-sources.ts';
import { SourceError } from './update-engine.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('a blob whose connection drops partway through is a network error (retried), not a failed update', async () => {
  const cut = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array([1, 2, 3]));
      controller.error(new TypeError('network error'));
    },
  });
  vi.stubGlobal('fetch', async () => new Response(cut, { status: 200 }));
  const error = await hubSource('', () => undefined)
    .blob('0'.repeat(64), 100)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  expect((error as SourceError).code).toBe('NETWORK_ERROR');
});

it('stops reading an endless blob at its signed size (BLOB_TOO_LARGE)', async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  vi.stubGlobal('fetch', async () => new Response(endless, { status: 200 }));
  const error = await hubSource('', () => undefined)
    .blob('0'.repeat(64), 100_000)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackError);
  expect((error as PackError).code).toBe('BLOB_TOO_LARGE');
  // Two chunks go past 100 000 bytes; the stream is cancelled then, not read to the end.
  expect(pulled).toBeLessThan(5);
});

it('refuses a blob whose declared length is over its signed size before reading it', async () => {
  vi.stubGlobal(
    'fetch',
    async () => new Response(new Uint8Array(10), { status: 200, headers: { 'content-length': '999999999' } }),
  );
  const error = await hubSource('', () => undefined)
    .blob('0'.repeat(64), 10)
    .catch((e: unknown) => e);
  expect((error as PackError).code).toBe('BLOB_TOO_LARGE');
});

it('caps the timestamp and the manifest at their limits (METADATA_TOO_LARGE), and a root 404 ends the chain', async () => {
  vi.stubGlobal('fetch', async (url: string) =>
    url.includes('/trust/root/')
      ? new Response('{"code":"NOT_FOUND","message":"no"}', { status: 404 })
      : new Response(new Uint8Array(1_000_000), { status: 200 }),
  );
  const hub = hubSource('', () => undefined);
  expect(await hub.root(2)).toBeNull();
  const timestamp = hub.timestamp ?? (() => Promise.reject(new Error('the hub source has timestamps')));
  expect(((await timestamp().catch((e: unknown) => e)) as PackError).code).toBe('METADATA_TOO_LARGE');
  const pin = { version: 5, length: 1000, sha256: 'a'.repeat(64) };
  expect(((await hub.content(pin, 1000).catch((e: unknown) => e)) as PackError).code).toBe(
    'METADATA_TOO_LARGE',
  );
});

it('a USB pack: reads the chain and blobs, and refuses an entry larger than signed before inflating it', async () => {
  const big = new Uint8Array(5_000_000); // compresses to almost nothing: a small zip, a big entry
  const zip = zipSync({
    'pack/manifest.json': new TextEncoder().encode('{}'),
    'pack/trust/2.root.json': new TextEncoder().encode('{"r":2}'),
    [`pack/blobs/${'b'.repeat(64)}`]: big,
    [`pack/blobs/${'c'.repeat(64)}`]: new Uint8Array([1, 2, 3]),
  });
  expect(zip.byteLength).toBeLessThan(50_000);
  const source = await zipSource(new Blob([zip]));
  expect(new TextDecoder().decode((await source.root(2)) ?? new Uint8Array())).toBe('{"r":2}');
  expect(await source.root(3)).toBeNull();
  expect(await source.blob('c'.repeat(64), 3)).toEqual(new Uint8Array([1, 2, 3]));
  const error = await source.blob('b'.repeat(64), 1000).catch((e: unknown) => e);
  expect((error as PackError).code).toBe('BLOB_TOO_LARGE');
  expect(await source.content(null, 100)).toEqual(new TextEncoder().encode('{}'));
});
