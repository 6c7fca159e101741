import pg from 'pg';
import { mapDriverError } from './errors.ts';
import type { Row } from './mappers.ts';

/** Options for the PostgreSQL store beyond the connection URL. */
export interface PostgresStoreOptions {
  /** Use this schema (search_path) instead of the URL's default, e.g. one per test run. */
  schema?: string;
  /** Most connections this process keeps open (default 10). */
  max?: number;
}

/** Deadlock and serialization failures: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** A connection or a transaction's client. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** A pool with the few ways the store runs SQL: one statement, or several as one transaction. */
export interface PostgresDb {
  /** The rows of one statement on a transaction's client. */
  rows(c: Queryable, sql: string, params?: unknown[]): Promise<Row[]>;
  /** The rows of one statement on its own (PostgreSQL runs it as its own transaction). */
  one(sql: string, params?: unknown[]): Promise<Row[]>;
  /** How many rows one statement changed. */
  changed(sql: string, params: unknown[]): Promise<number>;
  /** Runs fn inside BEGIN/COMMIT on one client (ROLLBACK on error; retried on deadlock). */
  tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** Opens a pool on `url`, optionally pinned to one schema through every connection's search_path. */
export function connectPostgres(url: string, options: PostgresStoreOptions = {}): PostgresDb {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new TypeError(`invalid schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection that breaks is dropped by the pool; the next query reports the failure.
  pool.on('error', () => {});

  const rows = async (c: Queryable, sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await c.query<Row>(sql, params)).rows;
  /** One statement outside an explicit transaction: PostgreSQL runs it as its own transaction. */
  const one = async (sql: string, params: unknown[] = []): Promise<Row[]> => {
    try {
      return await rows(pool, sql, params);
    } catch (error) {
      throw mapDriverError(error);
    }
  };
  /** Several statements as one transaction on one connection; retried on deadlock. */
  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
        const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
        if (!(RETRYABLE.has(code) && attempt < ATTEMPTS)) throw mapDriverError(error);
      } finally {
        client.release(broken);
      }
    }
  };
  /** One statement; how many rows it changed. */
  const changed = async (sql: string, params: unknown[]): Promise<number> => {
    try {
      return (await pool.query(sql, params)).rowCount ?? 0;
    } catch (error) {
      throw mapDriverError(error);
    }
  };
  return { rows, one, changed, tx, end: () => pool.end() };
}
