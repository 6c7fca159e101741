import { afterEach, expect, it, vi } from 'vitest';
import { hubSource } from './pack-sources.ts';
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
    .blob('0'.repeat(64))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  expect((error as SourceError).code).toBe('NETWORK_ERROR');
});
