/** A real hub on a loopback port with a temporary SQLite file, for tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generatePublisherKey, type PublisherKey } from '../content-kit/keys.ts';
import { createTestLibrary } from '../content-kit/test-library.ts';
import type { KeyHolder } from '../content-kit/trust-sign.ts';
import { buildHub } from './app.ts';
import { hashPassword } from './auth/secrets.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';
import type { HubContext } from './http/context.ts';
import { publishContent } from './publish.ts';
import { openSqliteStore } from './storage/sqlite-store.ts';
import type { AdminRole, Store } from './storage/store.ts';
import type { HubTrust } from './trust/hub-trust.ts';
import { testHubTrust } from './trust/setup.ts';

export interface TestHub {
  url: string;
  store: Store;
  blobs: BlobStore;
  key: PublisherKey;
  /** The hub's trust, and the root and timestamp keys of its root 1 (offline keys, for tests). */
  trust: HubTrust;
  rootKeys: PublisherKey[];
  timestampKey: PublisherKey;
  dir: string;
  /** The Fastify app itself, for `app.inject` (no socket needed). */
  app: FastifyInstance;
  /** What the routes get: store, blobs, key, clock, settings (for jobs run by a test). */
  ctx: HubContext;
  /** The hub's clock; tests may move it. */
  clock: { now: Date };
  /** Every route the hub registered (method and URL pattern). */
  routes: Array<{ method: string; url: string }>;
  close(): Promise<void>;
  /** Signs in a new admin of `role`; returns headers for admin calls (cookie, CSRF, origin). */
  login(role?: AdminRole): Promise<Record<string, string>>;
  /** A station with a token, enrolled the way a kiosk does it. */
  enroll(group?: string): Promise<{ stationId: string; token: string }>;
}

let admins = 0;

/** Starts a hub; `publish` also publishes the content-kit fixture library. */
export async function startTestHub(
  options: {
    publish?: boolean;
    authAttemptsPerMinute?: number;
    stationRequestsPerMinute?: number;
    /** Extra content keys root 1 lists (desk keys whose offline-signed packs are accepted). */
    trustedKeys?: Array<{ keyId: string; publicKey: string }>;
    partnerRequestsPerMinute?: number;
    /** Another blob store than a folder in the hub's temp dir (e.g. S3 on s3rver). */
    blobs?: BlobStore;
    /** KEPU_BLOB_BASE_URL. */
    blobBaseUrl?: string;
  } = {},
): Promise<TestHub> {
  const dir = await mkdtemp(join(tmpdir(), 'kepu-hub-'));
  const store = openSqliteStore(join(dir, 'hub.sqlite'));
  await store.migrate();
  const blobs = options.blobs ?? createBlobStore(join(dir, 'blobs'));
  const key = await generatePublisherKey();
  const clock = { now: new Date() };
  const extraContent: KeyHolder[] = (options.trustedKeys ?? []).map((k) => ({ ...k, holder: 'desk' }));
  const { trust, rootKeys, timestampKey } = await testHubTrust(store, key, {
    now: () => clock.now,
    extraContent,
    keysDir: join(dir, 'keys'),
  });
  const routes: TestHub['routes'] = [];
  const ctx: HubContext = {
    store,
    blobs,
    key,
    trust,
    now: () => clock.now,
    settings: {
      webDir: join(dir, 'web'),
      secureCookies: false,
      version: 'test',
      authAttemptsPerMinute: options.authAttemptsPerMinute ?? 10_000,
      ...(options.stationRequestsPerMinute
        ? { stationRequestsPerMinute: options.stationRequestsPerMinute }
        : {}),
      partnerRequestsPerMinute: options.partnerRequestsPerMinute ?? 10_000,
      ...(options.blobBaseUrl ? { blobBaseUrl: options.blobBaseUrl } : {}),
    },
  };
  const app = await buildHub(ctx, { logger: false }, (route) => routes.push(route));
  if (options.publish) {
    const lib = await createTestLibrary();
    await publishContent({
      store,
      blobs,
      key,
      contentDir: join(lib.root, 'content'),
      groups: ['*'],
      note: 'test',
      now: clock.now,
    });
    await rm(lib.root, { recursive: true, force: true });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const hub: TestHub = {
    url,
    store,
    blobs,
    key,
    trust,
    rootKeys,
    timestampKey,
    dir,
    app,
    ctx,
    clock,
    routes,
    async close() {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
    async login(role = 'admin') {
      const username = `${role}-${++admins}`;
      await store.createAdmin({ username, passwordHash: await hashPassword('correct horse'), role });
      const res = await fetch(`${url}/api/v1/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'correct horse' }),
      });
      if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { cookie, 'x-csrf-token': csrfToken, origin: url, 'content-type': 'application/json' };
    },
    async enroll(group = 'hekou') {
      const headers = await hub.login('admin');
      const created = await fetch(`${url}/api/v1/admin/stations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: `站点${admins}`, town: '河口镇', group }),
      });
      const { enrollmentCode } = (await created.json()) as { enrollmentCode: string };
      const res = await fetch(`${url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: enrollmentCode }),
      });
      return (await res.json()) as { stationId: string; token: string };
    },
  };
  return hub;
}
