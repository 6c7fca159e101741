import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from './store.ts';
import { adminTests } from './suite/admin.ts';
import { alertTests } from './suite/alerts.ts';
import { contentTests } from './suite/content.ts';
import { lifecycleTests } from './suite/lifecycle.ts';
import { sharedTests } from './suite/shared.ts';
import { stationTests } from './suite/stations.ts';
import { trustTests } from './suite/trust.ts';
import { usageTests } from './suite/usage.ts';
import { warningTests } from './suite/warnings.ts';

/**
 * The one suite both storage adapters pass. `open` must return a new, not yet migrated store
 * on the same database each time it is called (a second hub process, or a restart); the tests
 * share that database, so each test makes its own stations, groups and names.
 */
export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(name, () => {
    let store: Store | undefined;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
    });
    const ctx = {
      store: (): Store => {
        if (!store) throw new Error('the store is not open yet');
        return store;
      },
      open,
    };
    contentTests(ctx);
    stationTests(ctx);
    usageTests(ctx);
    adminTests(ctx);
    trustTests(ctx);
    sharedTests(ctx);
    lifecycleTests(ctx);
    alertTests(ctx);
    warningTests(ctx);
  });
}
