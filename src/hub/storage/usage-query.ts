import type { UsageQuery } from './store.ts';

/** The few places where SQLite and PostgreSQL spell the usage query differently. */
export interface UsageDialect {
  /** The placeholder for the n-th parameter (1-based). */
  placeholder(n: number): string;
  /** The day column as 'YYYY-MM-DD' text. */
  dayText(column: string): string;
  /** A day parameter, cast for comparison with the day column. */
  dayParam(placeholder: string): string;
  /** The sum of counts as an integer. */
  sum(column: string): string;
  /** An expression in an ORDER BY that sorts text by code point on both databases. */
  byteOrder(expression: string): string;
}

type Dimension = UsageQuery['by'][number];

/** Whitelisted dimensions: the only column text that ever enters the SQL. */
const DIMENSIONS: Record<Dimension, { column: string; alias: string; station: boolean; day?: true }> = {
  day: { column: 'u.day', alias: 'day', station: false, day: true },
  metric: { column: 'u.metric', alias: 'metric', station: false },
  key: { column: 'u.key', alias: 'key', station: false },
  station: { column: 'u.station_id', alias: 'station_id', station: false },
  town: { column: 's.town', alias: 'town', station: true },
  group: { column: 's.group_name', alias: 'group_name', station: true },
};

/** Checks and de-duplicates the requested dimensions, keeping their order. */
export function usageDimensions(by: UsageQuery['by']): Dimension[] {
  const out: Dimension[] = [];
  for (const d of by) {
    if (!Object.hasOwn(DIMENSIONS, d)) throw new TypeError(`unknown usage dimension: ${String(d)}`);
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

/**
 * The usage totals query: SUM(count) grouped and ordered by the dimensions asked for, filtered
 * by an inclusive day range and the optional metric, station, town and group. Values are
 * parameters; column names come only from the whitelist above. Returns null when the query
 * asks for an empty metric list (nothing can match).
 */
export function buildUsageQuery(
  query: UsageQuery,
  dialect: UsageDialect,
): { sql: string; params: unknown[] } | null {
  if (query.metrics && query.metrics.length === 0) return null;
  const dims = usageDimensions(query.by).map((d) => DIMENSIONS[d]);
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  const where = [
    `u.day >= ${dialect.dayParam(param(query.from))}`,
    `u.day <= ${dialect.dayParam(param(query.to))}`,
  ];
  if (query.metrics) where.push(`u.metric IN (${query.metrics.map((m) => param(m)).join(', ')})`);
  if (query.stationId !== undefined) where.push(`u.station_id = ${param(query.stationId)}`);
  if (query.town !== undefined) where.push(`s.town = ${param(query.town)}`);
  if (query.group !== undefined) where.push(`s.group_name = ${param(query.group)}`);
  const joinStations = query.town !== undefined || query.group !== undefined || dims.some((d) => d.station);

  const exprs = dims.map((d) => (d.day ? dialect.dayText(d.column) : d.column));
  const select = [...exprs.map((e, i) => `${e} AS ${dims[i]?.alias}`), `${dialect.sum('u.count')} AS total`];
  const lines = [
    `SELECT ${select.join(', ')}`,
    'FROM usage_totals u',
    joinStations ? 'JOIN stations s ON s.id = u.station_id' : '',
    `WHERE ${where.join(' AND ')}`,
    exprs.length ? `GROUP BY ${exprs.join(', ')}` : '',
    exprs.length ? `ORDER BY ${exprs.map((e) => dialect.byteOrder(e)).join(', ')}` : '',
  ];
  return { sql: lines.filter(Boolean).join('\n'), params };
}

/** SQLite: `?` parameters, days stored as 'YYYY-MM-DD' text, BINARY (code point) collation. */
export const SQLITE_USAGE: UsageDialect = {
  placeholder: () => '?',
  dayText: (c) => c,
  dayParam: (p) => p,
  sum: (c) => `COALESCE(SUM(${c}), 0)`,
  byteOrder: (e) => e,
};

/** PostgreSQL: `$n` parameters, DATE days, bigint sums, "C" collation to match SQLite's order. */
export const POSTGRES_USAGE: UsageDialect = {
  placeholder: (n) => `$${n}`,
  dayText: (c) => `to_char(${c}, 'YYYY-MM-DD')`,
  dayParam: (p) => `${p}::date`,
  sum: (c) => `COALESCE(SUM(${c}), 0)::bigint`,
  byteOrder: (e) => `${e} COLLATE "C"`,
};
