import type { Row } from './mappers.ts';

/**
 * The few ways the smaller stores (leases, alerts, report schedules, uptime) run SQL, the same on
 * SQLite and PostgreSQL: `?` placeholders (rewritten to `$n` for PostgreSQL), Dates, booleans and
 * JSON values as parameters (each port converts them for its driver), rows back as plain objects.
 */
export interface SqlPort {
  readonly kind: 'sqlite' | 'postgres';
  /** The rows of one statement. */
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs one statement; how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Several statements in one transaction (all or none); how many rows each changed. */
  batch(statements: ReadonlyArray<readonly [string, readonly unknown[]]>): Promise<number[]>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the statements here never hold a literal `?`). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A parameter as a driver takes it: SQLite wants numbers for dates and booleans, both want JSON text. */
export function toParam(value: unknown, kind: SqlPort['kind']): unknown {
  if (value instanceof Date) return kind === 'sqlite' ? value.getTime() : value;
  if (typeof value === 'boolean') return kind === 'sqlite' ? (value ? 1 : 0) : value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value === undefined ? null : value;
}

/** A stored flag (SQLite 0/1, PostgreSQL boolean) as a boolean. */
export function toFlag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}
