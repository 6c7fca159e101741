import { effect } from '@preact/signals';
import * as v from 'valibot';
import type { Notice } from '../protocol/notice.ts';
import { contentCache, db, engine, ensureContent, trust } from './content-runtime.ts';
import { createHubClient, EnrollmentSchema, HubError } from './data/hub-client.ts';
import { createHubSync } from './data/hub-sync.ts';
import { hubSource, zipSource } from './data/pack-sources.ts';
import { createRetryLoop } from './data/retry-loop.ts';
import { createUsageOutbox, type UsageOutbox } from './data/usage-outbox.ts';
import type { Kiosk } from './stores/kiosk-context.ts';

const FLUSH_MS = 5_000;

/** Ids of the notices in force at `now` (the hub checks that Extreme ones reach the screen). */
function liveNoticeIds(notices: readonly Notice[], now: number): string[] {
  return notices
    .filter((n) => Date.parse(n.onset) <= now && Date.parse(n.expires) > now)
    .map((n) => n.id)
    .slice(0, 20);
}
const UPDATE_EVERY_MS = 30 * 60_000;

/**
 * The kiosk's link to the hub, loaded after the first screen: the usage outbox, the saved
 * enrollment, the sync loop (usage, heartbeat, config), content updates (polled, verified,
 * switched only on the attract screen) and the maintenance actions.
 */
export async function startStationSync(
  kiosk: Kiosk,
  attachUsage: (outbox: UsageOutbox) => void,
): Promise<void> {
  const { station, content, idle } = kiosk;
  const outbox = createUsageOutbox(db);
  attachUsage(outbox);
  setInterval(() => outbox.flush().catch(() => station.reportError('USAGE_FLUSH_FAILED')), FLUSH_MS);
  void navigator.storage?.persist?.().then((granted) => {
    if (!granted) station.reportError('STORAGE_NOT_PERSISTENT');
  });

  const saved = await (await db).get('meta', 'station');
  if (saved !== undefined) {
    const parsed = v.safeParse(EnrollmentSchema, saved);
    if (parsed.success) station.enrollment.value = parsed.output;
    else {
      station.reportError('STATION_RECORD_INVALID');
      await (await db).delete('meta', 'station');
    }
  }

  // Content: the built-in pack first (a new kiosk), then the hub's.
  await ensureContent().catch(() => station.reportError('BUNDLED_PACK_FAILED'));
  // A pack downloaded before a restart but not yet switched to waits for the idle screen again.
  await engine.restoreStaged().catch(() => station.reportError('PACK_SWITCH_FAILED'));
  const token = () => station.enrollment.value?.token;
  // Content keeps showing whatever happens; a kiosk that gets no fresh timestamp for a day says so.
  const reportTrust = async () => {
    const status = await trust.status().catch(() => null);
    if (status?.stale) station.reportError('UPDATES_STALE');
    else if (status) station.clearError('UPDATES_STALE');
    if (trust.damaged()) station.reportError('TRUST_STATE_INVALID');
  };
  const updates = createRetryLoop({
    round: async () => {
      const result = await engine.check(hubSource('', token));
      if (result !== 'ok' && result !== 'unchanged') station.reportError(result);
      await reportTrust();
      return result === 'ok' || result === 'unchanged';
    },
    intervalMs: UPDATE_EVERY_MS,
    backoffMs: 60_000,
    maxBackoffMs: 6 * 3_600_000,
  });
  // A new pack becomes visible only when nobody is using the kiosk.
  effect(() => {
    if (idle.phase.value === 'attract' && engine.staged.value !== null) {
      void engine.applyStaged().then(
        () => content.invalidate(),
        () => station.reportError('PACK_SWITCH_FAILED'),
      );
    }
  });

  const client = createHubClient('', token);
  const sync = createHubSync({
    outbox,
    client,
    enrolled: () => station.enrollment.value !== null,
    heartbeat: async () => {
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      const last = engine.lastResult.value;
      return {
        appVersion: import.meta.env.VITE_APP_VERSION ?? '0.0.0',
        packVersion: (await contentCache.activeVersion()) ?? 0,
        lastUpdate: last ? { checkedAt: last.at.toISOString(), result: last.result } : null,
        errors: [...station.errors.value],
        storage: estimate
          ? { used: Math.round(estimate.usage ?? 0), quota: Math.round(estimate.quota ?? 0) }
          : null,
        queue: await outbox.queueLength(),
        sentAt: new Date().toISOString(),
        // Every notice in force is on screen: the banner over each screen, the card on the attract screen.
        shownNotices: liveNoticeIds(station.notices.value, Date.now()),
      };
    },
    onConfig: (remote) => {
      station.applyConfig(remote);
      const { stationName, idleSeconds, warningSeconds, defaultLocale, defaultTextSize } = remote;
      kiosk.config.value = {
        ...kiosk.config.value,
        stationName,
        idleSeconds,
        warningSeconds,
        defaultLocale,
        defaultTextSize,
      };
    },
    onError: station.reportError,
    onResult: (ok) => station.syncResult(ok, new Date()),
  });

  // One random attempt id per code until it succeeds: pressing again after a lost answer (the
  // hub redeemed the code, then the connection broke) gets a token instead of "code used".
  const attempts = new Map<string, string>();
  station.connect({
    async enroll(code) {
      let attempt = attempts.get(code);
      if (!attempt) {
        const bytes = crypto.getRandomValues(new Uint8Array(18));
        attempt = btoa(String.fromCharCode(...bytes))
          .replaceAll('+', '-')
          .replaceAll('/', '_');
        attempts.set(code, attempt);
      }
      try {
        const result = await client.enroll(code, attempt);
        attempts.delete(code);
        await (await db).put('meta', result, 'station');
        station.enrollment.value = result;
        void sync.runNow();
        return null;
      } catch (error) {
        const errorCode = error instanceof HubError ? error.code : 'ENROLLMENT_FAILED';
        station.reportError(errorCode);
        return errorCode;
      }
    },
    syncNow: sync.runNow,
    checkUpdate: updates.runNow,
    async applyUpdate() {
      if ((await engine.applyStaged()) !== null) content.invalidate();
    },
    async sideload(file) {
      const source = await zipSource(file).catch(() => null);
      const result = source ? await engine.check(source).finally(reportTrust) : 'PACK_FILE_INVALID';
      if (result !== 'ok' && result !== 'unchanged') station.reportError(result);
      return result;
    },
    async status() {
      const version = await contentCache.activeVersion();
      const pack = version === null ? null : await contentCache.pack(version).catch(() => null);
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      return {
        packVersion: version,
        packCreated: pack?.manifest.created ?? null,
        queue: await outbox.queueLength(),
        storage: estimate ? { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null,
        trust: await trust.status().catch(() => null),
      };
    },
    update: engine,
  });
  sync.start(5_000);
  updates.start(10_000);
}
