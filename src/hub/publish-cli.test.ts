import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../content-kit/keys.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from '../content-kit/test-library.ts';
import { main } from './publish-cli.ts';
import { openSqliteStore } from './storage/sqlite-store.ts';
import { testHubTrust } from './trust/setup.ts';

let dir: string;
let lib: TestLibrary;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-cli-'));
  lib = await createTestLibrary();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await removeTestLibrary(lib);
});

describe('npm run publish', () => {
  it('publishes a content folder into the hub database for the given groups', async () => {
    await createKeyFile(join(dir, 'key.json'));
    const env = { KEPU_DATA_DIR: join(dir, 'data'), KEPU_PUBLISHER_KEY: join(dir, 'key.json') };
    const out: string[] = [];
    const code = await main([join(lib.root, 'content'), '--groups', 'hekou,nanxi'], env, (l) => out.push(l));
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^published version \d+ for hekou, nanxi: 2 articles, 4 quiz questions/);
    const store = openSqliteStore(join(dir, 'data', 'hub.sqlite'));
    try {
      const [release] = await store.listReleases();
      expect(release?.activeGroups).toEqual(['hekou', 'nanxi']);
      expect((await store.auditLog(1))[0]).toMatchObject({ adminId: null, action: 'release.published' });
    } finally {
      await store.close();
    }
  });

  it('refuses to publish with a key the current root does not list for content', async () => {
    const other = await createKeyFile(join(dir, 'other.json'));
    const dataDir = join(dir, 'data-rotated');
    const store = openSqliteStore(join(dataDir, 'hub.sqlite'));
    await store.migrate();
    // The hub's root 1 names another content key (a rotation moved it, say).
    await testHubTrust(store, other);
    await store.close();
    await createKeyFile(join(dir, 'stale.json'));
    const errors: string[] = [];
    const code = await main(
      [join(lib.root, 'content')],
      { KEPU_DATA_DIR: dataDir, KEPU_PUBLISHER_KEY: join(dir, 'stale.json') },
      () => undefined,
      (l) => errors.push(l),
    );
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain('is not a content key of root 1');
    const after = openSqliteStore(join(dataDir, 'hub.sqlite'));
    expect(await after.listReleases()).toEqual([]);
    await after.close();
  });

  it('prints every error as file:line and publishes nothing', async () => {
    const broken = await createTestLibrary();
    try {
      await broken.edit('articles/health/boil-water/en.md', 'topic: health', 'topic: cooking');
      const env = { KEPU_DATA_DIR: join(dir, 'data2'), KEPU_PUBLISHER_KEY: join(dir, 'key.json') };
      const errors: string[] = [];
      const code = await main(
        [join(broken.root, 'content')],
        env,
        () => {},
        (l) => errors.push(l),
      );
      expect(code).toBe(1);
      expect(errors.some((l) => /articles\/health\/boil-water\/en\.md:3: error UNKNOWN_TOPIC/.test(l))).toBe(
        true,
      );
      const store = openSqliteStore(join(dir, 'data2', 'hub.sqlite'));
      expect(await store.listReleases()).toEqual([]);
      await store.close();
    } finally {
      await removeTestLibrary(broken);
    }
  });

  it('explains a missing key and bad arguments', async () => {
    const errors: string[] = [];
    const env = { KEPU_DATA_DIR: join(dir, 'data3'), KEPU_PUBLISHER_KEY: join(dir, 'none.json') };
    expect(
      await main(
        [lib.root],
        env,
        () => {},
        (l) => errors.push(l),
      ),
    ).toBe(1);
    expect(errors[0]).toMatch(/no publisher key/);
    expect(
      await main(
        [],
        env,
        () => {},
        (l) => errors.push(l),
      ),
    ).toBe(2);
    expect(errors[1]).toMatch(/usage: npm run publish/);
  });
});
