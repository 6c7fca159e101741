import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { mapDriverError } from './errors.ts';
import type { Row } from './mappers.ts';

/** A SQLite connection with cached statements and the store's ways to run SQL. */
export interface SqliteDb {
  /** Runs several statements (or a migration script) directly. */
  exec(sql: string): void;
  /** The first row of a statement, if any. */
  get(sql: string, ...params: unknown[]): Row | undefined;
  /** All rows of a statement. */
  all(sql: string, ...params: unknown[]): Row[];
  /** Runs a statement; how many rows it changed. */
  run(sql: string, ...params: unknown[]): number;
  /** One write transaction; BEGIN IMMEDIATE takes the write lock first, so writers queue (busy_timeout). */
  write<T>(fn: () => T): T;
  /** One read transaction: a consistent snapshot across several statements. */
  read<T>(fn: () => T): T;
  close(): void;
}

/** Runs a driver call, turning constraint errors into StoreErrors. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw mapDriverError(error);
  }
}

/** Opens a SQLite file with the hub's settings (WAL, busy timeout, foreign keys), creating its directory. */
export function openSqliteDb(path: string): SqliteDb {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');

  const cache = new Map<string, Database.Statement>();
  const q = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    exec: (sql) => guard(() => void db.exec(sql)),
    get: (sql, ...params) => guard(() => q(sql).get(...params) as Row | undefined),
    all: (sql, ...params) => guard(() => q(sql).all(...params) as Row[]),
    run: (sql, ...params) => guard(() => q(sql).run(...params).changes),
    write: (fn) => guard(() => db.transaction(fn).immediate()),
    read: (fn) => guard(() => db.transaction(fn).deferred()),
    close: () => {
      cache.clear();
      db.close();
    },
  };
}

/** Copies a live SQLite database to `destPath` with SQLite's online backup API. */
export async function backupSqliteFile(storePath: string, destPath: string): Promise<void> {
  mkdirSync(dirname(resolve(destPath)), { recursive: true });
  const db = new Database(storePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(destPath);
  } finally {
    db.close();
  }
}
