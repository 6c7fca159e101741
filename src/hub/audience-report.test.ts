import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLibrary, removeTestLibrary } from '../content-kit/test-library.ts';
import { createBlobStore } from './blob-store.ts';
import { publishContent } from './publish.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
let viewer: Record<string, string>;
const day = '2026-05-04';

beforeAll(async () => {
  hub = await startTestHub();
  hub.clock.now = new Date(`${day}T12:00:00Z`);
  // The fixture library with the flood article written for industrial workers.
  const lib = await createTestLibrary();
  for (const l of ['zh-CN', 'vi', 'en']) {
    await lib.edit(`articles/emergency/flood-escape/${l}.md`, 'audience: all', 'audience: workers');
  }
  await publishContent({
    store: hub.store,
    blobs: createBlobStore(join(hub.dir, 'blobs')),
    key: hub.key,
    contentDir: join(lib.root, 'content'),
    groups: ['*'],
    note: 'audiences',
    now: hub.clock.now,
  });
  await removeTestLibrary(lib);
  viewer = await hub.login('viewer');
  const station = await hub.enroll('north');
  const res = await fetch(`${hub.url}/api/v1/usage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${station.token}` },
    body: JSON.stringify({
      batchId: crypto.randomUUID(),
      counters: [
        { day, metric: 'article_open', key: 'boil-water', count: 8 },
        { day, metric: 'article_complete', key: 'boil-water', count: 2 },
        { day, metric: 'article_open', key: 'flood-escape', count: 5 },
        { day, metric: 'article_complete', key: 'flood-escape', count: 4 },
        // An article that is no longer in the live release.
        { day, metric: 'article_open', key: 'old-article', count: 1 },
      ],
    }),
  });
  expect(res.status).toBe(200);
});
afterAll(() => hub.close());

const get = (path: string) => fetch(`${hub.url}/api/v1/admin/reports/${path}`, { headers: viewer });

describe('usage by audience', () => {
  it('sums opens and completions by the audience each live article is written for', async () => {
    const res = await get('audiences?from=2026-05-01&to=2026-05-31');
    expect(res.status).toBe(200);
    const table = await res.json();
    expect(table.columns).toEqual(['audience', 'articles', 'opens', 'completions', 'completionRate']);
    expect(table.rows).toEqual([
      { audience: 'all', articles: 1, opens: 8, completions: 2, completionRate: 25 },
      { audience: 'workers', articles: 1, opens: 5, completions: 4, completionRate: 80 },
      { audience: 'unknown', articles: 1, opens: 1, completions: 0, completionRate: 0 },
    ]);
  });

  it('follows the topic filter and gives the same numbers as CSV', async () => {
    const only = await (await get('audiences?from=2026-05-01&to=2026-05-31&topic=emergency')).json();
    expect(only.rows).toEqual([
      { audience: 'workers', articles: 1, opens: 5, completions: 4, completionRate: 80 },
    ]);
    const csv = await (await get('audiences?from=2026-05-01&to=2026-05-31&format=csv')).text();
    expect(csv.replace('\ufeff', '').trimEnd().split('\r\n')).toEqual([
      'audience,articles,opens,completions,completionRate',
      'all,1,8,2,25',
      'workers,1,5,4,80',
      'unknown,1,1,0,0',
    ]);
  });
});
