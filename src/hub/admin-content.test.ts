import { cp, readFile } from 'node:fs/promises';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileContent } from '../content-kit/compile.ts';
import { generatePublisherKey, trustedKey } from '../content-kit/keys.ts';
import { writePack } from '../content-kit/pack.ts';
import {
  createTestLibrary,
  removeTestLibrary,
  type TestLibrary,
  zipTestLibrary,
} from '../content-kit/test-library.ts';
import { CATALOG_PATH } from '../protocol/content-doc.ts';
import { type SubtleLike, verifyBlob, verifyManifest } from '../protocol/pack-verify.ts';
import { releaseManifest } from './release-manifest.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

const subtle = globalThis.crypto.subtle as unknown as SubtleLike;
let hub: TestHub;
let lib: TestLibrary;
let editor: Record<string, string>;

beforeAll(async () => {
  hub = await startTestHub({ publish: true });
  lib = await createTestLibrary();
  editor = await hub.login('editor');
});
afterAll(async () => {
  await hub.close();
  await removeTestLibrary(lib);
});

const admin = (path: string, init: RequestInit = {}) => fetch(`${hub.url}/api/v1/admin${path}`, init);
const upload = (bytes: Uint8Array, headers = editor, name = 'content.zip') =>
  admin(`/drafts?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/zip' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
const post = (path: string, body: unknown, headers = editor) =>
  admin(path, { method: 'POST', headers, body: JSON.stringify(body) });

async function manifestFor(token: string) {
  const res = await fetch(`${hub.url}/api/v1/packs/current/manifest`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  // Old kiosks read this legacy envelope with their one built-in key (the hub's publisher key).
  const signed = await res.json();
  return verifyManifest(signed, { subtle, keys: [trustedKey(hub.key)], now: hub.clock.now });
}

async function blobJson(sha256: string) {
  return (await fetch(`${hub.url}/api/v1/blobs/${sha256}`)).json();
}

async function catalogTitles(manifest: { files: Array<{ path: string; sha256: string }> }) {
  const file = manifest.files.find((f) => f.path === CATALOG_PATH);
  const catalog = await blobJson(file?.sha256 ?? '');
  return catalog.articles.map((a: { title: { en: string } }) => a.title.en);
}

describe('admin access to publishing', () => {
  it('answers 401 on every admin route without a session', async () => {
    const routes = hub.routes.filter(
      (r) => r.url.startsWith('/api/v1/admin') && r.url !== '/api/v1/admin/login' && r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(25);
    for (const { method, url } of routes) {
      const path = url.replace(/:[a-z]+/g, '1').replace('/api/v1/admin', '');
      const hasBody = method !== 'GET' && method !== 'DELETE';
      const res = await admin(path, {
        method,
        headers: hasBody ? { 'content-type': 'application/json' } : {},
        body: hasBody ? '{}' : undefined,
      });
      expect(res.status, `${method} ${url}`).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it('refuses a viewer who tries to publish, and a cross-site upload', async () => {
    const viewer = await hub.login('viewer');
    const zip = await zipTestLibrary(lib);
    const res = await upload(zip, viewer);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN' });
    const crossSite = await upload(zip, { ...editor, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const form = await admin('/drafts', {
      method: 'POST',
      headers: {
        cookie: editor.cookie ?? '',
        'content-type': 'application/zip',
        'sec-fetch-site': 'cross-site',
      },
      body: zip,
    });
    expect(form.status).toBe(403);
  });
});

describe('bad uploads', () => {
  const zipOf = (files: Record<string, Uint8Array | [Uint8Array, object]>) => zipSync(files as never);
  const text = (s: string) => new TextEncoder().encode(s);

  it('refuses paths that climb out, absolute paths and symlinks, storing nothing', async () => {
    const before = (await hub.store.listReleases()).length;
    const cases: Array<[Record<string, Uint8Array | [Uint8Array, object]>, string]> = [
      [{ 'content/../../evil.md': text('x') }, 'ARCHIVE_UNSAFE_PATH'],
      [{ '/etc/cron.d/evil': text('x') }, 'ARCHIVE_UNSAFE_PATH'],
      [{ 'content\\articles\\x.md': text('x') }, 'ARCHIVE_UNSAFE_PATH'],
      [
        { 'content/articles/link': [text('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] },
        'ARCHIVE_SYMLINK',
      ],
    ];
    for (const [files, code] of cases) {
      const res = await upload(zipOf(files));
      expect(res.status, code).toBe(400);
      const body = await res.json();
      expect(body.code).toBe(code);
      expect(body.message.length).toBeGreaterThan(10);
    }
    expect((await hub.store.listReleases()).length).toBe(before);
  });

  it('refuses a corrupt zip, a zip too large to unpack, and too many files', async () => {
    const corrupt = await upload(text('PK this is not really a zip at all, just text'));
    expect(corrupt.status).toBe(400);
    expect(await corrupt.json()).toMatchObject({ code: 'ARCHIVE_INVALID' });
    const good = await zipTestLibrary(lib);
    const truncated = await upload(good.subarray(0, Math.floor(good.length / 2)));
    expect(truncated.status).toBe(400);

    // A stored (not deflated) file with one byte changed: sizes still match, only the checksum tells.
    const stored = zipOf({ 'content/articles/a.txt': [text('hello, readers'), { level: 0 }] });
    const at = Buffer.from(stored).indexOf('hello, readers');
    expect(at).toBeGreaterThan(0);
    stored[at] = 'j'.charCodeAt(0);
    const flipped = await upload(stored);
    expect(flipped.status).toBe(400);
    expect(await flipped.json()).toMatchObject({
      code: 'ARCHIVE_INVALID',
      message: expect.stringMatching(/checksum/),
    });

    const huge = zipOf({ 'content/articles/big.bin': new Uint8Array(65 * 1024 * 1024) });
    const big = await upload(huge);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
      message: expect.stringMatching(/64 MB/),
    });

    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5001; i++) many[`content/articles/f${i}.txt`] = text('x');
    const tooMany = await upload(zipOf(many));
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({ code: 'ARCHIVE_TOO_MANY_FILES' });

    const notZip = await admin('/drafts', { method: 'POST', headers: editor, body: '{"a":1}' });
    expect(notZip.status).toBe(415);
  });

  it('answers 422 with every content error as file:line, and stores nothing', async () => {
    const broken = await createTestLibrary();
    try {
      await broken.edit('articles/health/boil-water/zh-CN.md', 'topic: health', 'topic: cooking');
      await broken.edit('quizzes/health.yaml', 'answer: 0', 'answer: 7');
      const releases = (await hub.store.listReleases()).length;
      const res = await upload(await zipTestLibrary(broken));
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.code).toBe('CONTENT_INVALID');
      const where = body.diagnostics.map(
        (d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`,
      );
      expect(where).toContain('content/articles/health/boil-water/zh-CN.md:3 UNKNOWN_TOPIC');
      expect(
        where.some(
          (w: string) => w.startsWith('content/quizzes/health.yaml:') && w.endsWith('ANSWER_OUT_OF_RANGE'),
        ),
      ).toBe(true);
      expect((await hub.store.listReleases()).length).toBe(releases);
      const empty = await upload(zipOf({ 'readme.txt': text('hello') }));
      expect(empty.status).toBe(422);
    } finally {
      await removeTestLibrary(broken);
    }
  });
});

describe('publish, diff, rollback, export', () => {
  it('shows a diff against the live release, publishes for a group, and the group’s kiosks get it', async () => {
    const changed = await createTestLibrary();
    try {
      // Same content as live, except: one article edited, one added (a copy under a new id), none removed.
      await changed.edit(
        'articles/health/boil-water/en.md',
        'Drink boiled water',
        'Always drink boiled water',
      );
      await cp(
        changed.path('articles/emergency/flood-escape'),
        changed.path('articles/emergency/flood-escape-2'),
        {
          recursive: true,
        },
      );
      for (const locale of ['zh-CN', 'vi', 'en']) {
        await changed.edit(
          `articles/emergency/flood-escape-2/${locale}.md`,
          'id: flood-escape',
          'id: flood-escape-2',
        );
      }
      const res = await upload(await zipTestLibrary(changed, { topFolder: false }), editor, 'changed.zip');
      expect(res.status).toBe(201);
      const draft = await res.json();
      const live = await hub.store.activeRelease('*');
      expect(draft.diff.against).toBe(live?.version);
      const changes = Object.fromEntries(
        draft.diff.articles.map((a: { id: string; change: string }) => [a.id, a.change]),
      );
      expect(changes).toEqual({ 'boil-water': 'changed', 'flood-escape-2': 'added' });
      expect(draft.diff.unchangedArticles).toBe(1);
      // Bytes to download: exactly the blobs the live release does not have.
      const liveFiles = manifestFiles(live?.manifestJson ?? '');
      const held = new Set(liveFiles.map((f) => f.sha256));
      const fresh = new Map(
        draft.files
          .filter((f: { sha256: string }) => !held.has(f.sha256))
          .map((f: { sha256: string; size: number }) => [f.sha256, f.size]),
      );
      expect(draft.diff.download).toEqual({
        files: fresh.size,
        bytes: [...fresh.values()].reduce((n: number, s) => n + (s as number), 0),
      });
      expect(draft.diff.download.files).toBeGreaterThan(0);

      const { stationId: _, token } = await hub.enroll('nanxi');
      const { token: otherToken } = await hub.enroll('other');
      const before = await manifestFor(token);
      const published = await post(`/drafts/${draft.id}/publish`, {
        groups: ['nanxi'],
        note: 'flood season',
      });
      expect(published.status).toBe(200);
      const release = await published.json();
      expect(release).toMatchObject({
        activeGroups: ['nanxi'],
        publishedGroups: ['nanxi'],
        note: 'flood season',
      });
      expect(release.version).toBeGreaterThan(before.version);

      const now = await manifestFor(token);
      expect(now.version).toBe(release.version);
      expect(await catalogTitles(now)).toContain('Always drink boiled water');
      expect((await manifestFor(otherToken)).version).toBe(before.version);
      // The draft is gone once published.
      expect((await admin(`/drafts/${draft.id}`, { headers: editor })).status).toBe(404);
      const log = await (await admin('/audit', { headers: await hub.login('admin') })).json();
      expect(log.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['draft.created', 'release.published']),
      );
    } finally {
      await removeTestLibrary(changed);
    }
  });

  it('rolls back as a new, higher version for the same groups, and the kiosk follows', async () => {
    const { token } = await hub.enroll('nanxi');
    const releases = await (await admin('/releases', { headers: editor })).json();
    const [latest, earlier] = releases;
    expect(latest.activeGroups).toContain('nanxi');
    const earlierFiles = manifestFiles(
      (await hub.store.listReleases()).find((r) => r.version === earlier.version)?.manifestJson ?? '',
    );
    const res = await post(`/releases/${earlier.version}/rollback`, { groups: ['nanxi'] });
    expect(res.status).toBe(200);
    const rolled = await res.json();
    expect(rolled.version).toBeGreaterThan(latest.version);
    expect(rolled).toMatchObject({ note: `rollback to ${earlier.version}`, activeGroups: ['nanxi'] });
    const served = await manifestFor(token);
    expect(served.version).toBe(rolled.version);
    expect(served.files).toEqual(earlierFiles);
    expect(await catalogTitles(served)).not.toContain('Always drink boiled water');
    // Without groups, a rollback goes to the groups the release was published for.
    const again = await (await post(`/releases/${latest.version}/rollback`, {})).json();
    expect(again.activeGroups).toEqual(['nanxi']);
    expect((await post('/releases/12345/rollback', {})).status).toBe(404);
    expect((await post(`/releases/${earlier.version}/rollback`, {}, await hub.login('viewer'))).status).toBe(
      403,
    );
  });

  it('exports a release as one zip that verifies: manifest.json and blobs/<sha256>', async () => {
    const release = (await hub.store.listReleases())[0];
    const res = await admin(`/releases/${release?.version}/pack.zip`, { headers: editor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain(`kepu-pack-${release?.version}.zip`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const { manifest } = await hub.trust.verifyUpload(files['manifest.json'] ?? new Uint8Array());
    expect(Object.keys(files).filter((n) => n.startsWith('trust/'))).toEqual(['trust/1.root.json']);
    expect(manifest.version).toBe(release?.version);
    for (const file of manifest.files) {
      const bytes = files[`blobs/${file.sha256}`];
      expect(bytes, file.path).toBeDefined();
      await verifyBlob(subtle, bytes ?? new Uint8Array(), file.sha256);
    }
    expect(
      Object.keys(files).every(
        (n) => n === 'manifest.json' || /^blobs\/[0-9a-f]{64}$/.test(n) || /^trust\/\d+\.root\.json$/.test(n),
      ),
    ).toBe(true);
  });

  it('accepts a pack signed offline by a trusted key, refuses an unknown key and a version not above the live one', async () => {
    const offline = await generatePublisherKey();
    const trusting = await startTestHub({ publish: true, trustedKeys: [trustedKey(offline)] });
    try {
      const headers = await trusting.login('editor');
      const compiled = await compileContent('content', { rootDir: lib.root });
      const dir = `${lib.root}/pack-out`;
      const live = (await trusting.store.listReleases())[0]?.version ?? 0;
      const pack = await writePack(compiled, { outDir: dir, key: offline, version: live + 10 });
      const zipPack = async (outDir: string) => {
        const files: Record<string, Uint8Array> = {
          'manifest.json': new TextEncoder().encode(JSON.stringify(pack.signed)),
        };
        for (const f of pack.manifest.files) {
          files[`blobs/${f.sha256}`] = new Uint8Array(await readFile(`${outDir}/blobs/${f.sha256}`));
        }
        return zipSync(files);
      };
      const zip = await zipPack(dir);
      const refused = await upload(zip);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ code: 'PACK_KEY_UNKNOWN' });

      const post2 = (path: string, body: unknown) =>
        fetch(`${trusting.url}/api/v1/admin${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const res = await fetch(`${trusting.url}/api/v1/admin/drafts?name=signed.zip`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/zip' },
        body: zip,
      });
      expect(res.status).toBe(201);
      const draft = await res.json();
      expect(draft).toMatchObject({
        kind: 'pack',
        version: live + 10,
        keyId: offline.keyId,
        versionTooLow: false,
      });
      const published = await (await post2(`/drafts/${draft.id}/publish`, { groups: ['*'] })).json();
      expect(published.version).toBe(live + 10);
      expect(published.keyId).toBe(offline.keyId);

      // The same pack again is not above the live version: kiosks would refuse it.
      const again = await (
        await fetch(`${trusting.url}/api/v1/admin/drafts`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/zip' },
          body: zip,
        })
      ).json();
      expect(again.versionTooLow).toBe(true);
      const late = await post2(`/drafts/${again.id}/publish`, { groups: ['*'] });
      expect(late.status).toBe(409);
      expect(await late.json()).toMatchObject({ code: 'VERSION_NOT_NEWER' });

      // A blob that does not match its hash is refused.
      const tampered = unzipSync(zip);
      const victim = Object.keys(tampered).find((n) => n.startsWith('blobs/'));
      if (victim) tampered[victim] = new TextEncoder().encode('tampered');
      const bad = await fetch(`${trusting.url}/api/v1/admin/drafts`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/zip' },
        body: zipSync(tampered),
      });
      expect(await bad.json()).toMatchObject({ code: 'BLOB_HASH_MISMATCH' });
    } finally {
      await trusting.close();
    }
  });

  it('discards a draft', async () => {
    const draft = await (await upload(await zipTestLibrary(lib))).json();
    const { 'content-type': _, ...headers } = editor;
    const res = await admin(`/drafts/${draft.id}`, { method: 'DELETE', headers });
    expect(res.status).toBe(204);
    expect((await admin(`/drafts/${draft.id}`, { headers: editor })).status).toBe(404);
  });
});

/** The files of a stored release's manifest. */
function manifestFiles(manifestJson: string) {
  return releaseManifest(manifestJson).manifest.files;
}
