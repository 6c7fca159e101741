import type { Migration } from './migrations.ts';

/**
 * SQLite schema migrations, applied in order; each version runs once, recorded in
 * `schema_version`. Never edit a released migration: add the next one. Timestamps are epoch
 * milliseconds (INTEGER), days 'YYYY-MM-DD' text, ids text UUIDs, JSON as text.
 * The same schema for PostgreSQL is in postgres-schema.ts: keep the two in step.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  town TEXT NOT NULL,
  group_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  token_hash TEXT UNIQUE,
  last_seen_at INTEGER,
  last_heartbeat TEXT
) STRICT;
CREATE INDEX stations_town_name ON stations (town, name);
CREATE INDEX stations_group ON stations (group_name);

CREATE TABLE enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE INDEX enrollment_codes_station ON enrollment_codes (station_id);

CREATE TABLE usage_batches (
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  batch_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  counters INTEGER NOT NULL,
  PRIMARY KEY (station_id, batch_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE usage_totals (
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (day, station_id, metric, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX usage_totals_station_day ON usage_totals (station_id, day);
CREATE INDEX usage_totals_metric_day ON usage_totals (metric, day);

CREATE TABLE heartbeats (
  id INTEGER PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  heartbeat TEXT NOT NULL
) STRICT;
CREATE INDEX heartbeats_station_at ON heartbeats (station_id, at DESC, id DESC);

CREATE TABLE releases (
  version INTEGER PRIMARY KEY,
  manifest_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  note TEXT NOT NULL
) STRICT;

CREATE TABLE release_activations (
  group_name TEXT PRIMARY KEY,
  version INTEGER NOT NULL REFERENCES releases (version),
  activated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX release_activations_version ON release_activations (version);

CREATE TABLE admins (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at INTEGER,
  locked_until INTEGER
) STRICT;

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  admin_id TEXT NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_admin ON sessions (admin_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  admin_id TEXT REFERENCES admins (id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);

CREATE TABLE group_configs (
  group_name TEXT PRIMARY KEY,
  config TEXT NOT NULL
) STRICT;

CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  notice TEXT NOT NULL,
  onset INTEGER NOT NULL,
  expires INTEGER NOT NULL,
  cancelled_at INTEGER
) STRICT;

CREATE TABLE notice_groups (
  group_name TEXT NOT NULL,
  notice_id TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
  PRIMARY KEY (group_name, notice_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX notice_groups_notice ON notice_groups (notice_id);
`,
  },
  {
    version: 2,
    name: 'admin console: published groups, disabled accounts, drafts',
    sql: `
ALTER TABLE releases ADD COLUMN published_groups TEXT NOT NULL DEFAULT '[]';
UPDATE releases SET published_groups = (
  SELECT json_group_array(group_name) FROM release_activations a WHERE a.version = releases.version
);
ALTER TABLE admins ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));

CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  admin_id TEXT REFERENCES admins (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX drafts_created ON drafts (created_at);
`,
  },
  {
    version: 3,
    name: 'alerts, scheduled reports, uptime, leases',
    sql: `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE hub_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE alert_rules (
  id TEXT PRIMARY KEY,
  group_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  remind_hours INTEGER NOT NULL CHECK (remind_hours >= 0),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  UNIQUE (group_name, kind)
) STRICT;

CREATE TABLE alert_recipients (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  address TEXT NOT NULL,
  groups TEXT NOT NULL,
  locale TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  secret TEXT
) STRICT;

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'ok')),
  since INTEGER NOT NULL,
  notified_at INTEGER,
  version INTEGER NOT NULL,
  detail TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  change_id TEXT NOT NULL
) STRICT;
CREATE INDEX alerts_station ON alerts (station_id);

CREATE TABLE alert_events (
  id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('firing', 'reminder', 'recovered', 'closed')),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  station_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  UNIQUE (alert_id, seq)
) STRICT;
CREATE INDEX alert_events_at ON alert_events (at DESC);
CREATE INDEX alert_events_station ON alert_events (station_id, at DESC);

CREATE TABLE alert_deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES alert_events (id) ON DELETE CASCADE,
  recipient_id TEXT REFERENCES alert_recipients (id) ON DELETE SET NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  address TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  next_at INTEGER NOT NULL,
  sent_at INTEGER,
  error TEXT
) STRICT;
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_at);
CREATE INDEX alert_deliveries_event ON alert_deliveries (event_id);

CREATE TABLE report_schedules (
  id TEXT PRIMARY KEY,
  period TEXT NOT NULL CHECK (period IN ('weekly', 'monthly')),
  scope TEXT NOT NULL CHECK (scope IN ('county', 'town', 'group')),
  scope_value TEXT NOT NULL,
  recipients TEXT NOT NULL,
  locale TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE report_runs (
  schedule_id TEXT NOT NULL REFERENCES report_schedules (id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  at INTEGER NOT NULL,
  next_at INTEGER NOT NULL,
  error TEXT,
  PRIMARY KEY (schedule_id, period)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_runs_at ON report_runs (at DESC);

CREATE TABLE uptime_days (
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  slots INTEGER NOT NULL CHECK (slots >= 0),
  PRIMARY KEY (station_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX uptime_days_day ON uptime_days (day);
CREATE INDEX heartbeats_at ON heartbeats (at);

INSERT INTO alert_rules (id, group_name, kind, threshold, remind_hours, enabled) VALUES
  ('default-silent', '*', 'silent', 6, 0, 1),
  ('default-stale-content', '*', 'stale_content', 24, 0, 1),
  ('default-storage-low', '*', 'storage_low', 90, 0, 1),
  ('default-clock-skew', '*', 'clock_skew', 10, 0, 1),
  ('default-update-errors', '*', 'update_errors', 3, 0, 1),
  ('default-notice-not-shown', '*', 'notice_not_shown', 15, 0, 1);
`,
  },
  {
    version: 4,
    name: 'update trust: the root chain and the latest timestamp per group',
    sql: `
CREATE TABLE trust_roots (
  version INTEGER PRIMARY KEY,
  json TEXT NOT NULL,
  added_at INTEGER NOT NULL
) STRICT;

CREATE TABLE trust_timestamps (
  version INTEGER PRIMARY KEY,
  group_name TEXT NOT NULL,
  json TEXT NOT NULL,
  content_version INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX trust_timestamps_group ON trust_timestamps (group_name, version DESC);
`,
  },
  {
    version: 5,
    name: 'warnings: places, alert policy, notice scopes, CAP messages and feeds, partner keys',
    sql: `
CREATE TABLE alert_settings (
  group_name TEXT PRIMARY KEY,
  settings TEXT NOT NULL
) STRICT;

CREATE TABLE station_places (
  station_id TEXT PRIMARY KEY REFERENCES stations (id) ON DELETE CASCADE,
  place TEXT NOT NULL
) STRICT;

CREATE TABLE notice_scopes (
  notice_id TEXT PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
  origin TEXT NOT NULL CHECK (origin IN ('cap', 'partner')),
  origin_ref TEXT NOT NULL,
  area TEXT,
  approved_at INTEGER,
  approved_by TEXT
) STRICT;
CREATE INDEX notice_scopes_origin ON notice_scopes (origin, origin_ref);

CREATE TABLE cap_messages (
  sender TEXT NOT NULL,
  identifier TEXT NOT NULL,
  sent INTEGER NOT NULL,
  msg_type TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  notice_id TEXT REFERENCES notices (id) ON DELETE SET NULL,
  source TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (sender, identifier)
) STRICT;
CREATE INDEX cap_messages_received ON cap_messages (received_at DESC);
CREATE INDEX cap_messages_notice ON cap_messages (notice_id);

CREATE TABLE cap_feeds (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL UNIQUE,
  interval_seconds INTEGER NOT NULL CHECK (interval_seconds BETWEEN 30 AND 86400),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT,
  last_polled_at INTEGER,
  last_ok_at INTEGER,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at INTEGER NOT NULL
) STRICT;
CREATE INDEX cap_feeds_due ON cap_feeds (enabled, next_poll_at);

CREATE TABLE cap_feed_entries (
  feed_id TEXT NOT NULL REFERENCES cap_feeds (id) ON DELETE CASCADE,
  entry_key TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (feed_id, entry_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE partner_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  groups TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_by TEXT REFERENCES admins (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
) STRICT;
`,
  },
  {
    version: 6,
    name: 'province scale: shared rate limits, retry-safe enrollment',
    sql: `
ALTER TABLE enrollment_codes ADD COLUMN attempt_hash TEXT;

CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  window_ms INTEGER NOT NULL,
  hits INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`,
  },
];
