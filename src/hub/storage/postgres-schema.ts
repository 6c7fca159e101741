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
];
