/**
 * Copies the hub's SQLite database while the hub runs (SQLite's online backup), then the
 * blobs are already safe: they are immutable files under data/blobs.
 *   npm run backup -- backups/hub-2026-11-28.sqlite
 */
import { resolve } from 'node:path';
import { backupSqlite } from './storage/sqlite-store.ts';

const dataDir = resolve(process.env.KEPU_DATA_DIR ?? 'data');
const dest =
  process.argv[2] ?? `backups/hub-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.sqlite`;
if (process.env.DATABASE_URL) {
  console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump instead.');
  process.exit(1);
}
await backupSqlite(resolve(dataDir, 'hub.sqlite'), resolve(dest));
console.log(`backed up ${resolve(dataDir, 'hub.sqlite')} to ${resolve(dest)}`);
