/**
 * Starts the county hub with its embedded defaults: SQLite under ./data, the demo publisher
 * key, the built kiosk from ./dist, and the content in ./content published on first start.
 * Settings come from the environment (see README, "Configuration").
 */
import { dirname, join, resolve } from 'node:path';
import { loadOrCreateKey, parseTrustedKeys } from '../content-kit/keys.ts';
import { DEMO_TRUST_WARNING } from '../content-kit/trust-files.ts';
import { buildHub } from './app.ts';
import { blobBaseUrlFromEnv, blobStoreFromEnv } from './blob-config.ts';
import type { HubContext } from './http/context.ts';
import { hubJobs } from './jobs.ts';
import { publishContent } from './publish.ts';
import { createScheduler } from './scheduler.ts';
import { seedDemo } from './seed.ts';
import { openStore } from './storage/open-store.ts';
import { openHubTrust } from './trust/setup.ts';
import { capFeedJob } from './warnings/poller.ts';

const env = process.env;
const port = Number(env.PORT ?? 8080);
const host = env.HOST ?? '0.0.0.0';
const dataDir = resolve(env.KEPU_DATA_DIR ?? 'data');
const keyPath = resolve(env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json');
const keysDir = dirname(keyPath);
const trustDir = resolve(env.KEPU_TRUST_DIR ?? join(keysDir, 'trust'));
const timestampKeyPath = resolve(env.KEPU_TIMESTAMP_KEY ?? join(keysDir, 'timestamp.json'));
const timestampHours = Number(env.KEPU_TIMESTAMP_HOURS ?? 6);
if (!Number.isFinite(timestampHours) || timestampHours < 1 || timestampHours > 168) {
  throw new Error('KEPU_TIMESTAMP_HOURS must be a number of hours from 1 to 168');
}

const store = await openStore({ databaseUrl: env.DATABASE_URL, sqlitePath: resolve(dataDir, 'hub.sqlite') });
const blobs = blobStoreFromEnv(env, dataDir);
const blobBaseUrl = blobBaseUrlFromEnv(env);
try {
  await blobs.check();
} catch (error) {
  await store.close();
  throw new Error(`the blob store (${blobs.description}) cannot be reached: ${String(error)}`);
}
const { key, created } = await loadOrCreateKey(keyPath);
const now = () => new Date();
const { trust, demo } = await openHubTrust({
  store,
  publisherKey: key,
  extraContent: parseTrustedKeys(env.KEPU_TRUSTED_KEYS).map((k) => ({
    ...k,
    holder: `offline key ${k.keyId}`,
  })),
  keysDir,
  trustDir,
  timestampKeyPath,
  timestampHours,
  now,
  log: (line) => console.log(line),
});

const ctx: HubContext = {
  store,
  blobs,
  key,
  trust,
  now,
  settings: {
    webDir: resolve(env.KEPU_WEB_DIR ?? 'dist'),
    secureCookies: env.KEPU_SECURE_COOKIES === '1',
    version: env.npm_package_version ?? '0.0.0',
    demoTrust: demo,
    ...(blobBaseUrl ? { blobBaseUrl } : {}),
    ...(env.KEPU_AUTH_ATTEMPTS_PER_MINUTE
      ? { authAttemptsPerMinute: Number(env.KEPU_AUTH_ATTEMPTS_PER_MINUTE) }
      : {}),
    ...(env.KEPU_STATION_REQUESTS_PER_MINUTE
      ? { stationRequestsPerMinute: Number(env.KEPU_STATION_REQUESTS_PER_MINUTE) }
      : {}),
    ...(env.KEPU_PARTNER_REQUESTS_PER_MINUTE
      ? { partnerRequestsPerMinute: Number(env.KEPU_PARTNER_REQUESTS_PER_MINUTE) }
      : {}),
  },
};
const app = await buildHub(ctx, { logger: { level: env.LOG_LEVEL ?? 'info' } });

const seeded = await seedDemo(store, now(), env.KEPU_DEMO_ADMIN_PASSWORD || undefined);
if ((await store.listReleases()).length === 0) {
  const release = await publishContent({
    store,
    blobs,
    key: await trust.contentKeys(),
    contentDir: resolve(env.KEPU_CONTENT_DIR ?? 'content'),
    groups: ['*'],
    note: 'demo content published on first start',
    now: now(),
  });
  app.log.info({ version: release.version }, 'published the demo content');
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Finish scheduled work and requests in flight, then close the database.
    void Promise.all([scheduler.stop(), app.close()]).then(
      () => store.close().then(() => process.exit(0)),
      () => process.exit(1),
    );
  });
}

// Alerts, uptime, scheduled reports, housekeeping, blob garbage collection and CAP feeds: each job
// once per period across hub processes (leases); the CAP job looks for due feeds, each feed keeps
// its own interval.
const alertEveryMs = Math.min(3600, Math.max(1, Number(env.KEPU_ALERT_CHECK_SECONDS ?? 60) || 60)) * 1000;
const capEveryMs = Math.min(3600, Math.max(1, Number(env.KEPU_CAP_TICK_SECONDS ?? 15) || 15)) * 1000;
const scheduler = createScheduler({
  leases: store.leases,
  jobs: [
    ...hubJobs(ctx, { alertEveryMs, log: (msg, detail) => app.log.info(detail, msg) }),
    capFeedJob(ctx, capEveryMs),
  ],
  pollMs: Math.min(15_000, alertEveryMs, capEveryMs),
  now,
  onError: (job, error) => app.log.error({ job, err: error }, 'scheduled job failed'),
});

await app.listen({ port, host });
// KEPU_SCHEDULER=0: this process takes no scheduled work (the others sharing the database do).
if (env.KEPU_SCHEDULER !== '0') scheduler.start();
const bound = app.server.address();
const local = `http://localhost:${typeof bound === 'object' && bound ? bound.port : port}`;
const lines = [
  '',
  'Kepu e-Station hub is running',
  `  kiosk:        ${local}/`,
  `  console:      ${local}/admin/`,
  `  admin API:    ${local}/api/v1/admin/`,
  `  API docs:     ${local}/api/v1/openapi.json`,
  `  health:       ${local}/api/v1/health`,
  `  storage:      ${store.kind === 'sqlite' ? resolve(dataDir, 'hub.sqlite') : 'PostgreSQL (DATABASE_URL)'}`,
  `  blobs:        ${blobs.description}${blobBaseUrl ? `, served to kiosks from ${blobBaseUrl}` : ''}`,
  `  publisher key ${key.keyId} ${created ? '(demo key created just now; never commit data/)' : keyPath}`,
  `  trust:        root ${(await trust.root()).version} (${trustDir}), timestamps live ${timestampHours} h`,
];
if (demo) lines.push('', `  !!! ${DEMO_TRUST_WARNING}`);
if (seeded.admin)
  lines.push(`  demo admin:   ${seeded.admin.username} / ${seeded.admin.password}   (shown once; change it)`);
if (seeded.station)
  lines.push(`  demo station: ${seeded.station.name}, enrollment code ${seeded.station.enrollmentCode}`);
console.log(`${lines.join('\n')}\n`);
