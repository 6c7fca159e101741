/**
 * Two hub processes on one database share their limits: per-address sign-in rate limits,
 * per-station request limits and the account lock. Each "process" is its own Fastify app with
 * its own connection to the same SQLite file (and PostgreSQL schema when one is available).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePublisherKey } from '../content-kit/keys.ts';
import { buildHub } from './app.ts';
import { hashPassword, normalizeCode, randomToken, sha256 } from './auth/secrets.ts';
import { createBlobStore } from './blob-store.ts';
import { openPostgresStore } from './storage/postgres-store.ts';
import { openSqliteStore } from './storage/sqlite-store.ts';
import type { Store } from './storage/store.ts';
import { createHubTrust, type HubTrust } from './trust/hub-trust.ts';
import { testHubTrust } from './trust/setup.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

type Key = Awaited<ReturnType<typeof generatePublisherKey>>;
const rootsMade = new Map<unknown, { key: Key; timestampKey: Key }>();

async function twoHubs(open: () => Promise<Store>, limits: { auth: number; station: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'kepu-limits-'));
  // One root of trust per database (its tests share it): made by the first hub, read by the rest.
  const made = rootsMade.get(open);
  const key = made?.key ?? (await generatePublisherKey());
  let first = made?.timestampKey;
  const apps: FastifyInstance[] = [];
  const stores: Store[] = [];
  for (let i = 0; i < 2; i++) {
    const store = await open();
    await store.migrate();
    stores.push(store);
    const now = () => new Date();
    let trust: HubTrust;
    if (!first) {
      const fresh = await testHubTrust(store, key, { now });
      first = fresh.timestampKey;
      rootsMade.set(open, { key, timestampKey: first });
      trust = fresh.trust;
    } else {
      trust = createHubTrust({ store, keys: [key, first], timestampHours: 6, now });
    }
    apps.push(
      await buildHub(
        {
          store,
          blobs: createBlobStore(join(dir, 'blobs')),
          key,
          trust,
          now,
          settings: {
            webDir: join(dir, 'web'),
            secureCookies: false,
            version: 'test',
            authAttemptsPerMinute: limits.auth,
            stationRequestsPerMinute: limits.station,
          },
        },
        { logger: false },
      ),
    );
  }
  cleanups.push(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { apps, store: stores[0] as Store };
}

const login = (app: FastifyInstance, username: string, password: string, ip = '203.0.113.7') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/admin/login',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
  });

function sharedLimitTests(name: string, open: () => Promise<Store>) {
  describe(name, () => {
    it('the per-address sign-in limit counts requests to either process', async () => {
      const { apps } = await twoHubs(open, { auth: 6, station: 1000 });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push((await login(apps[i % 2] as FastifyInstance, `nobody-${i}`, 'x')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429, 429, 429]);
      // Another address has its own allowance.
      expect((await login(apps[0] as FastifyInstance, 'nobody', 'x', '198.51.100.9')).statusCode).toBe(401);
    });

    it('attempts sent at once to both processes: only five passwords are tried, then the account locks', async () => {
      const { apps, store } = await twoHubs(open, { auth: 10_000, station: 1000 });
      const username = `lock-${randomUUID().slice(0, 8)}`;
      await store.createAdmin({
        username,
        passwordHash: await hashPassword('right-password'),
        role: 'viewer',
      });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(apps[i % 2] as FastifyInstance, username, 'wrong')),
      );
      const count = (s: number) => results.filter((r) => r.statusCode === s).length;
      expect({ wrong: count(401), refused: count(429) }).toEqual({ wrong: 5, refused: 7 });
      expect((await login(apps[1] as FastifyInstance, username, 'right-password')).statusCode).toBe(429);
      expect((await store.adminByUsername(username))?.lockedUntil).not.toBeNull();
    });

    it('a station request limit is one budget across processes', async () => {
      const { apps, store } = await twoHubs(open, { auth: 10_000, station: 4 });
      const station = await store.createStation({
        name: 'rl',
        town: 't',
        group: `g-${randomUUID().slice(0, 6)}`,
      });
      const code = 'ABCDE-FGHIJ-KLMNO';
      await store.addEnrollmentCode(
        station.id,
        sha256(normalizeCode(code)),
        new Date(Date.now() + 3_600_000),
      );
      const token = randomToken();
      await store.redeemEnrollmentCode(sha256(normalizeCode(code)), sha256(token), new Date());
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await (apps[i % 2] as FastifyInstance).inject({
          method: 'GET',
          url: '/api/v1/station/config',
          headers: { authorization: `Bearer ${token}` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    });
  });
}

const sqliteDir = join(tmpdir(), `kepu-limits-db-${randomUUID()}`);
cleanups.push(() => rm(sqliteDir, { recursive: true, force: true }));
sharedLimitTests('shared limits on one SQLite file', async () =>
  openSqliteStore(join(sqliteDir, 'hub.sqlite')),
);

const url = process.env.KEPU_TEST_DATABASE_URL;
if (url) {
  const schema = `kepu_limits_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  const ready = admin.connect().then(() => admin.query(`CREATE SCHEMA ${schema}`));
  cleanups.push(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  sharedLimitTests('shared limits on one PostgreSQL database', async () => {
    await ready;
    return openPostgresStore(url, { schema });
  });
}
