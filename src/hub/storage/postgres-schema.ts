import type { Migration } from './migrations.ts';

/**
 * PostgreSQL schema migrations, applied in order under an advisory lock; each version runs
 * once, recorded in `schema_version`. Never edit a released migration: add the next one. The
 * same tables as sqlite-schema.ts with native types: timestamptz, DATE days, jsonb, bigint.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  town TEXT NOT NULL,
  group_name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ,
  token_hash TEXT UNIQUE,
  last_seen_at TIMESTAMPTZ,
  last_heartbeat JSONB
);
CREATE INDEX stations_town_name ON stations (town, name);
CREATE INDEX stations_group ON stations (group_name);

CREATE TABLE enrollment_codes (
  code_hash TEXT PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ
);
CREATE INDEX enrollment_codes_station ON enrollment_codes (station_id);

CREATE TABLE usage_batches (
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  batch_id TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  counters INTEGER NOT NULL,
  PRIMARY KEY (station_id, batch_id)
);

CREATE TABLE usage_totals (
  day DATE NOT NULL,
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  key TEXT NOT NULL,
  count BIGINT NOT NULL CHECK (count >= 0),
  PRIMARY KEY (day, station_id, metric, key)
);
CREATE INDEX usage_totals_station_day ON usage_totals (station_id, day);
CREATE INDEX usage_totals_metric_day ON usage_totals (metric, day);

CREATE TABLE heartbeats (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  at TIMESTAMPTZ NOT NULL,
  heartbeat JSONB NOT NULL
);
CREATE INDEX heartbeats_station_at ON heartbeats (station_id, at DESC, id DESC);

CREATE TABLE releases (
  version BIGINT PRIMARY KEY,
  manifest_json TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  note TEXT NOT NULL
);

CREATE TABLE release_activations (
  group_name TEXT PRIMARY KEY,
  version BIGINT NOT NULL REFERENCES releases (version),
  activated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX release_activations_version ON release_activations (version);

CREATE TABLE admins (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at TIMESTAMPTZ,
  locked_until TIMESTAMPTZ
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  admin_id TEXT NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_admin ON sessions (admin_id);

CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  admin_id TEXT REFERENCES admins (id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);

CREATE TABLE group_configs (
  group_name TEXT PRIMARY KEY,
  config JSONB NOT NULL
);

CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  notice JSONB NOT NULL,
  onset TIMESTAMPTZ NOT NULL,
  expires TIMESTAMPTZ NOT NULL,
  cancelled_at TIMESTAMPTZ
);

CREATE TABLE notice_groups (
  group_name TEXT NOT NULL,
  notice_id TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
  PRIMARY KEY (group_name, notice_id)
);
CREATE INDEX notice_groups_notice ON notice_groups (notice_id);
`,
  },
  {
    version: 2,
    name: 'admin console: published groups, disabled accounts, drafts',
    sql: `
ALTER TABLE releases ADD COLUMN published_groups JSONB NOT NULL DEFAULT '[]';
UPDATE releases r SET published_groups = COALESCE(
  (SELECT jsonb_agg(a.group_name ORDER BY a.group_name) FROM release_activations a WHERE a.version = r.version),
  '[]'::jsonb
);
ALTER TABLE admins ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  admin_id TEXT REFERENCES admins (id) ON DELETE SET NULL,
  created_at TIMESTAMPTZ NOT NULL,
  data TEXT NOT NULL
);
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
  expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE hub_settings (
  name TEXT PRIMARY KEY,
  value JSONB NOT NULL
);

CREATE TABLE alert_rules (
  id TEXT PRIMARY KEY,
  group_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  remind_hours INTEGER NOT NULL CHECK (remind_hours >= 0),
  enabled BOOLEAN NOT NULL,
  UNIQUE (group_name, kind)
);

CREATE TABLE alert_recipients (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  address TEXT NOT NULL,
  groups JSONB NOT NULL,
  locale TEXT NOT NULL,
  enabled BOOLEAN NOT NULL,
  secret TEXT
);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'ok')),
  since TIMESTAMPTZ NOT NULL,
  notified_at TIMESTAMPTZ,
  version INTEGER NOT NULL,
  detail JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  change_id TEXT NOT NULL
);
CREATE INDEX alerts_station ON alerts (station_id);

CREATE TABLE alert_events (
  id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('firing', 'reminder', 'recovered', 'closed')),
  at TIMESTAMPTZ NOT NULL,
  kind TEXT NOT NULL,
  station_id TEXT NOT NULL,
  detail JSONB NOT NULL,
  UNIQUE (alert_id, seq)
);
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
  next_at TIMESTAMPTZ NOT NULL,
  sent_at TIMESTAMPTZ,
  error TEXT
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_at);
CREATE INDEX alert_deliveries_event ON alert_deliveries (event_id);

CREATE TABLE report_schedules (
  id TEXT PRIMARY KEY,
  period TEXT NOT NULL CHECK (period IN ('weekly', 'monthly')),
  scope TEXT NOT NULL CHECK (scope IN ('county', 'town', 'group')),
  scope_value TEXT NOT NULL,
  recipients JSONB NOT NULL,
  locale TEXT NOT NULL,
  enabled BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE report_runs (
  schedule_id TEXT NOT NULL REFERENCES report_schedules (id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  next_at TIMESTAMPTZ NOT NULL,
  error TEXT,
  PRIMARY KEY (schedule_id, period)
);
CREATE INDEX report_runs_at ON report_runs (at DESC);

CREATE TABLE uptime_days (
  station_id TEXT NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  day DATE NOT NULL,
  slots INTEGER NOT NULL CHECK (slots >= 0),
  PRIMARY KEY (station_id, day)
);
CREATE INDEX uptime_days_day ON uptime_days (day);
CREATE INDEX heartbeats_at ON heartbeats (at);

INSERT INTO alert_rules (id, group_name, kind, threshold, remind_hours, enabled) VALUES
  ('default-silent', '*', 'silent', 6, 0, true),
  ('default-stale-content', '*', 'stale_content', 24, 0, true),
  ('default-storage-low', '*', 'storage_low', 90, 0, true),
  ('default-clock-skew', '*', 'clock_skew', 10, 0, true),
  ('default-update-errors', '*', 'update_errors', 3, 0, true),
  ('default-notice-not-shown', '*', 'notice_not_shown', 15, 0, true);
`,
  },
  {
    version: 4,
    name: 'update trust: the root chain and the latest timestamp per group',
    sql: `
CREATE TABLE trust_roots (
  version BIGINT PRIMARY KEY,
  json TEXT NOT NULL,
  added_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE trust_timestamps (
  version BIGINT PRIMARY KEY,
  group_name TEXT NOT NULL,
  json TEXT NOT NULL,
  content_version BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX trust_timestamps_group ON trust_timestamps (group_name, version DESC);
`,
  },
  {
    version: 5,
    name: 'warnings: places, alert policy, notice scopes, CAP messages and feeds, partner keys',
    sql: `
CREATE TABLE alert_settings (
  group_name TEXT PRIMARY KEY,
  settings JSONB NOT NULL
);

CREATE TABLE station_places (
  station_id TEXT PRIMARY KEY REFERENCES stations (id) ON DELETE CASCADE,
  place JSONB NOT NULL
);

CREATE TABLE notice_scopes (
  notice_id TEXT PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
  origin TEXT NOT NULL CHECK (origin IN ('cap', 'partner')),
  origin_ref TEXT NOT NULL,
  area JSONB,
  approved_at TIMESTAMPTZ,
  approved_by TEXT
);
CREATE INDEX notice_scopes_origin ON notice_scopes (origin, origin_ref);

CREATE TABLE cap_messages (
  sender TEXT NOT NULL,
  identifier TEXT NOT NULL,
  sent TIMESTAMPTZ NOT NULL,
  msg_type TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  notice_id TEXT REFERENCES notices (id) ON DELETE SET NULL,
  source TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (sender, identifier)
);
CREATE INDEX cap_messages_received ON cap_messages (received_at DESC);
CREATE INDEX cap_messages_notice ON cap_messages (notice_id);

CREATE TABLE cap_feeds (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL UNIQUE,
  interval_seconds INTEGER NOT NULL CHECK (interval_seconds BETWEEN 30 AND 86400),
  enabled BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  etag TEXT,
  last_modified TEXT,
  last_polled_at TIMESTAMPTZ,
  last_ok_at TIMESTAMPTZ,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX cap_feeds_due ON cap_feeds (enabled, next_poll_at);

CREATE TABLE cap_feed_entries (
  feed_id TEXT NOT NULL REFERENCES cap_feeds (id) ON DELETE CASCADE,
  entry_key TEXT NOT NULL,
  seen_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (feed_id, entry_key)
);

CREATE TABLE partner_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  groups JSONB NOT NULL,
  scopes JSONB NOT NULL,
  created_by TEXT REFERENCES admins (id) ON DELETE SET NULL,
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ,
  last_used_at TIMESTAMPTZ
);
`,
  },
  {
    version: 6,
    name: 'province scale: shared rate limits, retry-safe enrollment',
    sql: `
ALTER TABLE enrollment_codes ADD COLUMN attempt_hash TEXT;

CREATE UNLOGGED TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  window_ms BIGINT NOT NULL,
  hits INTEGER NOT NULL
);
`,
  },
];
