import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { backupSqlite, openSqliteStore } from './sqlite-store.ts';
import { storeSuite } from './store.suite.ts';

const dir = mkdtempSync(join(tmpdir(), 'kepu-sqlite-'));
// A directory that does not exist yet: the store creates it.
const path = join(dir, 'nested', 'hub.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('sqlite store', async () => openSqliteStore(path));

describe('sqlite specifics', () => {
  it('uses WAL, foreign keys and a busy timeout', async () => {
    const store = openSqliteStore(join(dir, 'pragmas', 'hub.db'));
    await store.migrate();
    await store.close();
    const db = new Database(join(dir, 'pragmas', 'hub.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('backs up a live database', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'live.db') });
    expect(store.kind).toBe('sqlite');
    const station = await store.createStation({ name: 'a', town: 'b', group: 'c' });
    const dest = join(dir, 'backups', 'copy.db');
    await backupSqlite(join(dir, 'live.db'), dest);
    await store.createStation({ name: 'after the backup', town: 'b', group: 'c' });
    const copy = openSqliteStore(dest);
    await copy.migrate();
    expect(await copy.listStations()).toEqual([station]);
    await copy.close();
    await store.close();
  });

  it('refuses a database URL it does not understand', async () => {
    await expect(openStore({ databaseUrl: 'mysql://x', sqlitePath: join(dir, 'no.db') })).rejects.toThrow(
      /postgres:\/\//,
    );
  });
});
