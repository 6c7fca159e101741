import * as v from 'valibot';
import { createHubClient, EnrollmentSchema, HubError } from './data/hub-client.ts';
import { createHubSync } from './data/hub-sync.ts';
import { openKioskDb } from './data/kiosk-db.ts';
import { createUsageOutbox } from './data/usage-outbox.ts';
import type { Kiosk } from './stores/kiosk-context.ts';

const FLUSH_MS = 5_000;

/**
 * The kiosk's link to the hub, loaded after the first screen: the usage outbox in
 * IndexedDB, the saved enrollment, and the sync loop (usage, heartbeat, config).
 */
export async function startStationSync(
  kiosk: Kiosk,
  attachUsage: (outbox: ReturnType<typeof createUsageOutbox>) => void,
) {
  const { station, content } = kiosk;
  const db = openKioskDb();
  const outbox = createUsageOutbox(db);
  attachUsage(outbox);
  setInterval(() => outbox.flush().catch(() => station.reportError('USAGE_FLUSH_FAILED')), FLUSH_MS);

  const saved = await (await db).get('meta', 'station');
  if (saved !== undefined) {
    const parsed = v.safeParse(EnrollmentSchema, saved);
    if (parsed.success) station.enrollment.value = parsed.output;
    else {
      station.reportError('STATION_RECORD_INVALID');
      await (await db).delete('meta', 'station');
    }
  }

  const client = createHubClient('', () => station.enrollment.value?.token);
  const sync = createHubSync({
    outbox,
    client,
    enrolled: () => station.enrollment.value !== null,
    heartbeat: async () => {
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      return {
        appVersion: import.meta.env.VITE_APP_VERSION ?? '0.0.0',
        packVersion: await content.packVersion().catch(() => 0),
        lastUpdate: null,
        errors: [...station.errors.value],
        storage: estimate ? { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null,
        queue: await outbox.queueLength(),
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

  station.connect({
    async enroll(code) {
      try {
        const result = await client.enroll(code);
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
  });
  sync.start();
}
