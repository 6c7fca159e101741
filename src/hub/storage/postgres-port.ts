import type { PostgresDb } from './postgres-pool.ts';
import { numberedPlaceholders, type SqlPort, toParam } from './sql-port.ts';

/** The SqlPort over the PostgreSQL pool (a batch is one transaction on one connection). */
export function postgresPort(db: PostgresDb): SqlPort {
  const params = (p: readonly unknown[] = []) => p.map((x) => toParam(x, 'postgres'));
  return {
    kind: 'postgres',
    all: (sql, p) => db.one(numberedPlaceholders(sql), params(p)),
    run: (sql, p) => db.changed(numberedPlaceholders(sql), params(p)),
    batch: (statements) =>
      db.tx(async (c) => {
        const changed: number[] = [];
        for (const [sql, p] of statements)
          changed.push((await c.query(numberedPlaceholders(sql), params(p))).rowCount ?? 0);
        return changed;
      }),
  };
}
