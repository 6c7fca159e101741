import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPENAPI } from './openapi.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.close());

it('describes every API route the hub registers, with its method', () => {
  const paths = OPENAPI.paths as Record<string, Record<string, unknown>>;
  const missing = hub.routes
    .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
    .map((r) => ({ method: r.method.toLowerCase(), path: r.url.replace(/:([A-Za-z0-9]+)/g, '{$1}') }))
    .filter((r) => !paths[r.path]?.[r.method])
    .map((r) => `${r.method.toUpperCase()} ${r.path}`);
  expect(missing).toEqual([]);
});
