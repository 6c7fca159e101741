import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/**
 * Opens and migrates the hub's store: PostgreSQL for a postgres:// or postgresql:// URL, the
 * SQLite file when no URL is given. Any other URL is refused rather than quietly ignored.
 */
export async function openStore(options: { databaseUrl?: string; sqlitePath: string }): Promise<Store> {
  const url = options.databaseUrl?.trim();
  if (url && !/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error('databaseUrl must start with postgres:// or postgresql:// (leave it unset for SQLite)');
  }
  const store = url ? await openPostgresStore(url) : openSqliteStore(options.sqlitePath);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
