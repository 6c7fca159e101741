import { type SqlPort, toParam } from './sql-port.ts';
import type { SqliteDb } from './sqlite-db.ts';

/** The SqlPort over the hub's SQLite connection (synchronous underneath; a batch is one write transaction). */
export function sqlitePort(db: SqliteDb): SqlPort {
  const params = (p: readonly unknown[] = []) => p.map((x) => toParam(x, 'sqlite'));
  return {
    kind: 'sqlite',
    all: async (sql, p) => db.all(sql, ...params(p)),
    run: async (sql, p) => db.run(sql, ...params(p)),
    batch: async (statements) => db.write(() => statements.map(([sql, p]) => db.run(sql, ...params(p)))),
  };
}
