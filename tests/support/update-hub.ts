/**
 * A real hub for the update tests, run inside the test process: it serves the built kiosk,
 * signs with the build's publisher and timestamp keys under the build's root chain (so kiosks
 * trust it; the chain is copied, so a rotation in a test never reaches the next build),
 * publishes edited copies of content/, and logs every request so tests can count what crossed
 * the wire.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type PublisherKey, parseKeyFile } from '../../src/content-kit/keys.ts';
import { hasDemoRootKeys } from '../../src/content-kit/trust-files.ts';
import { signContent } from '../../src/content-kit/trust-sign.ts';
import { buildHub } from '../../src/hub/app.ts';
import { hashPassword } from '../../src/hub/auth/secrets.ts';
import { type BlobStore, createBlobStore } from '../../src/hub/blob-store.ts';
import { publishContent } from '../../src/hub/publish.ts';
import { openSqliteStore } from '../../src/hub/storage/sqlite-store.ts';
import type { HubTrust } from '../../src/hub/trust/hub-trust.ts';
import { openHubTrust } from '../../src/hub/trust/setup.ts';
import type { PackManifest } from '../../src/protocol/pack-manifest.ts';

export interface UpdateHub {
  url: string;
  /** Paths requested, in order (query strings dropped). */
  requests: string[];
  /** Bytes of each response body (Content-Length), in order. */
  responses: Array<{ path: string; bytes: number }>;
  key: PublisherKey;
  trust: HubTrust;
  /** The build's key folder (demo root keys are there: tests sign new roots with them). */
  keysDir: string;
  /** Publishes content/ with `edits` applied (path relative to content/ → text appended). */
  publish(edits?: Record<string, string>): Promise<{ version: number; manifest: PackManifest }>;
  /** Publishes content/ with `text` appended to every article in every language. */
  publishAll(text: string): Promise<{ version: number; manifest: PackManifest }>;
  /** Makes an admin account on this hub; returns its name and password (for the console). */
  addAdmin(): Promise<{ username: string; password: string }>;
  /** A manifest signed with the build's content key, for crafting refusals (older, expired). */
  sign(manifest: PackManifest): Promise<string>;
  close(): Promise<void>;
}

/** Starts the hub; `webDir` serves another copy of the built kiosk (to change it in a test). */
export async function startUpdateHub(
  options: {
    webDir?: string;
    /** Another blob store than a folder (e.g. S3 on s3rver). */
    blobs?: BlobStore;
    /** KEPU_BLOB_BASE_URL: kiosks are redirected there for blobs. */
    blobBaseUrl?: string;
  } = {},
): Promise<UpdateHub> {
  const dir = await mkdtemp(join(tmpdir(), 'kepu-update-hub-'));
  const store = openSqliteStore(join(dir, 'hub.sqlite'));
  await store.migrate();
  const blobs = options.blobs ?? createBlobStore(join(dir, 'blobs'));
  const keyPath = resolve(process.env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json');
  const key = await parseKeyFile(await readFile(keyPath, 'utf8'), keyPath);
  const keysDir = dirname(keyPath);
  const trustDir = join(dir, 'trust');
  await mkdir(trustDir, { recursive: true });
  await cp(resolve(process.env.KEPU_TRUST_DIR ?? join(keysDir, 'trust')), trustDir, { recursive: true });
  const { trust } = await openHubTrust({
    store,
    publisherKey: key,
    keysDir: join(dir, 'keys'),
    trustDir,
    timestampKeyPath: resolve(process.env.KEPU_TIMESTAMP_KEY ?? join(keysDir, 'timestamp.json')),
    timestampHours: 6,
    now: () => new Date(),
    log: () => undefined,
  });
  const app = await buildHub(
    {
      store,
      blobs,
      key,
      trust,
      now: () => new Date(),
      settings: {
        webDir: options.webDir ?? resolve(process.env.KEPU_OUT_DIR ?? 'dist'),
        secureCookies: false,
        version: 'test',
        demoTrust: await hasDemoRootKeys(keysDir),
        ...(options.blobBaseUrl ? { blobBaseUrl: options.blobBaseUrl } : {}),
      },
    },
    { logger: false },
  );
  const requests: string[] = [];
  app.addHook('onRequest', async (request) => {
    requests.push(request.url.split('?')[0] ?? '');
  });
  const responses: Array<{ path: string; bytes: number }> = [];
  app.addHook('onResponse', async (request, reply) => {
    responses.push({
      path: request.url.split('?')[0] ?? '',
      bytes: Number(reply.getHeader('content-length') ?? 0),
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://localhost:${(app.server.address() as AddressInfo).port}`;
  let round = 0;

  const hub: UpdateHub = {
    url,
    requests,
    responses,
    key,
    trust,
    keysDir,
    async publish(edits = {}) {
      const copy = join(dir, `content-${++round}`);
      await cp(resolve('content'), copy, { recursive: true });
      for (const [path, text] of Object.entries(edits)) {
        const file = join(copy, path);
        await writeFile(file, `${await readFile(file, 'utf8')}\n${text}\n`);
      }
      const release = await publishContent({
        store,
        blobs,
        key: await trust.contentKeys(),
        contentDir: copy,
        groups: ['*'],
        note: 'test',
        now: new Date(),
      });
      return { version: release.version, manifest: JSON.parse(release.manifestJson).signed };
    },
    async publishAll(text) {
      const edits: Record<string, string> = {};
      for (const topic of await readdir(resolve('content/articles'))) {
        for (const id of await readdir(resolve('content/articles', topic))) {
          for (const lang of ['zh-CN', 'vi', 'en']) edits[`articles/${topic}/${id}/${lang}.md`] = text;
        }
      }
      return hub.publish(edits);
    },
    async addAdmin() {
      const username = `admin-${++round}`;
      const password = 'rotation test password';
      await store.createAdmin({ username, passwordHash: await hashPassword(password), role: 'admin' });
      return { username, password };
    },
    async sign(manifest) {
      return JSON.stringify(await signContent(manifest, await trust.contentKeys()));
    },
    async close() {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return hub;
}
