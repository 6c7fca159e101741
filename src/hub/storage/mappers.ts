import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { Notice } from '../../protocol/notice.ts';
import { type Counter, counterKey, type Metric } from '../../protocol/usage.ts';
import type {
  Admin,
  AdminRole,
  Draft,
  NoticeRecord,
  Release,
  Session,
  Station,
  UsageQuery,
  UsageRow,
} from './store.ts';

/** A result row as either driver returns it (column name to value). */
export type Row = Record<string, unknown>;

/** A stored timestamp (PostgreSQL Date, SQLite epoch milliseconds) as a Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') {
    const date = new Date(typeof value === 'string' && !/^\d+$/.test(value) ? value : Number(value));
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new TypeError(`not a stored timestamp: ${String(value)}`);
}

/** Like toDate, but NULL stays null. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** Epoch milliseconds of a Date or ISO timestamp, refusing invalid ones. */
export function toMillis(value: Date | string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new TypeError(`invalid timestamp: ${String(value)}`);
  return ms;
}

/** A stored JSON value (PostgreSQL jsonb arrives parsed, SQLite TEXT does not). */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** An integer column (PostgreSQL bigint arrives as text). */
export function toInt(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError(`not a stored integer: ${String(value)}`);
  return n;
}

/** Station columns: id, name, town, group_name, created_at, revoked_at, last_seen_at, last_heartbeat. */
export function toStation(r: Row): Station {
  return {
    id: String(r.id),
    name: String(r.name),
    town: String(r.town),
    group: String(r.group_name),
    createdAt: toDate(r.created_at),
    revokedAt: toDateOrNull(r.revoked_at),
    lastSeenAt: toDateOrNull(r.last_seen_at),
    lastHeartbeat: r.last_heartbeat == null ? null : fromJson<Heartbeat>(r.last_heartbeat),
  };
}

/** Admin columns: id, username, password_hash, role, failed_logins, locked_until. */
export function toAdmin(r: Row): Admin {
  return {
    id: String(r.id),
    username: String(r.username),
    passwordHash: String(r.password_hash),
    role: String(r.role) as AdminRole,
    failedLogins: toInt(r.failed_logins),
    lockedUntil: toDateOrNull(r.locked_until),
    disabled: r.disabled === true || Number(r.disabled) === 1,
  };
}

/** A session row joined with its admin's columns. */
export function toSession(r: Row): Session & { admin: Admin } {
  return {
    idHash: String(r.id_hash),
    adminId: String(r.admin_id),
    csrfToken: String(r.csrf_token),
    expiresAt: toDate(r.expires_at),
    admin: toAdmin({ ...r, id: r.admin_id }),
  };
}

/** Release columns (version, manifest_json, created_at, note, published_groups) plus the groups it is active for. */
export function toRelease(r: Row, activeGroups: readonly string[]): Release {
  return {
    version: toInt(r.version),
    manifestJson: String(r.manifest_json),
    createdAt: toDate(r.created_at),
    note: String(r.note),
    publishedGroups: fromJson<string[]>(r.published_groups ?? '[]'),
    activeGroups: [...activeGroups].sort(),
  };
}

/** Draft columns: id, admin_id, created_at, data. */
export function toDraft(r: Row): Draft {
  return {
    id: String(r.id),
    adminId: r.admin_id == null ? null : String(r.admin_id),
    createdAt: toDate(r.created_at),
    data: String(r.data),
  };
}

/** A notice row with its cancellation time and groups (a JSON array or a PostgreSQL array). */
export function toNoticeRecord(r: Row): NoticeRecord {
  const groups = fromJson<string[]>(r.groups ?? '[]');
  return {
    notice: fromJson<Notice>(r.notice),
    groups: [...groups].sort(),
    cancelledAt: toDateOrNull(r.cancelled_at),
  };
}

/** Groups activation rows (version, group_name) by release version. */
export function groupsByVersion(rows: readonly Row[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const r of rows) {
    const version = toInt(r.version);
    map.set(version, [...(map.get(version) ?? []), String(r.group_name)]);
  }
  return map;
}

/** Audit columns: admin_id, action, detail, at. */
export function toAuditEntry(r: Row): { adminId: string | null; action: string; detail: string; at: Date } {
  return {
    adminId: r.admin_id == null ? null : String(r.admin_id),
    action: String(r.action),
    detail: String(r.detail),
    at: toDate(r.at),
  };
}

/** A stored notice (its JSON column). */
export function toNotice(r: Row): Notice {
  return fromJson<Notice>(r.notice);
}

/** A usage row with only the dimensions asked for (aliases as usage-query.ts writes them). */
export function toUsageRow(r: Row, by: UsageQuery['by']): UsageRow {
  const row: UsageRow = { count: toInt(r.total ?? 0) };
  if (by.includes('day')) row.day = String(r.day);
  if (by.includes('metric')) row.metric = String(r.metric) as Metric;
  if (by.includes('key')) row.key = String(r.key);
  if (by.includes('station')) row.stationId = String(r.station_id);
  if (by.includes('town')) row.town = String(r.town);
  if (by.includes('group')) row.group = String(r.group_name);
  return row;
}

/** Adds up counters sharing (day, metric, key), in a stable order (so writers lock rows alike). */
export function aggregateCounters(counters: readonly Counter[]): Counter[] {
  const sums = new Map<string, Counter>();
  for (const c of counters) {
    const id = counterKey(c);
    const seen = sums.get(id);
    sums.set(id, { day: c.day, metric: c.metric, key: c.key, count: (seen?.count ?? 0) + c.count });
  }
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}
