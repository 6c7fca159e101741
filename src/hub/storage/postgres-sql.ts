/** The PostgreSQL adapter's statements (`$n` parameters; timestamptz, DATE days, jsonb). */

const STATION = 'id, name, town, group_name, created_at, revoked_at, last_seen_at, last_heartbeat';
const ADMIN = 'id, username, password_hash, role, failed_logins, locked_until, disabled';
const RELEASE = 'version, manifest_json, created_at, note, published_groups';

/** Statements by purpose. */
export const PQ = {
  // One lock per schema, so hubs (or test runs) in different schemas do not wait for each other.
  migrationLock: `SELECT pg_advisory_xact_lock(hashtext('kepu-hub:migrate:' || current_schema())::bigint)`,
  schemaVersionTable: `CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
  schemaVersion: 'SELECT COALESCE(MAX(version), 0) AS version FROM schema_version',
  recordVersion: 'INSERT INTO schema_version (version, name) VALUES ($1, $2)',

  insertStation: 'INSERT INTO stations (id, name, town, group_name, created_at) VALUES ($1, $2, $3, $4, $5)',
  stationById: `SELECT ${STATION} FROM stations WHERE id = $1`,
  stationByToken: `SELECT ${STATION} FROM stations WHERE token_hash = $1`,
  listStations: `SELECT ${STATION} FROM stations ORDER BY town COLLATE "C", name COLLATE "C", id`,
  revokeStation: 'UPDATE stations SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2',

  dropUnusedCodes: 'DELETE FROM enrollment_codes WHERE station_id = $1 AND used_at IS NULL',
  insertCode: 'INSERT INTO enrollment_codes (code_hash, station_id, expires_at) VALUES ($1, $2, $3)',
  // A concurrent redeemer waits for the row lock, then re-checks used_at and finds it set.
  // Unused, or used within 10 minutes by the same attempt (its answer was lost: a retry).
  useCode: `UPDATE enrollment_codes c SET used_at = COALESCE(c.used_at, $2), attempt_hash = COALESCE(c.attempt_hash, $3::text)
    FROM stations s
    WHERE c.code_hash = $1 AND c.expires_at > $2
      AND (c.used_at IS NULL OR ($3::text IS NOT NULL AND c.attempt_hash = $3::text AND c.used_at > $2::timestamptz - interval '10 minutes'))
      AND s.id = c.station_id AND s.revoked_at IS NULL
    RETURNING c.station_id`,
  setToken: `UPDATE stations SET token_hash = $1 WHERE id = $2 RETURNING ${STATION}`,

  // The unique key decides: a concurrent copy of the batch waits, then inserts nothing.
  insertBatch: `INSERT INTO usage_batches (station_id, batch_id, received_at, counters) VALUES ($1, $2, $3, $4)
    ON CONFLICT (station_id, batch_id) DO NOTHING RETURNING batch_id`,
  addTotals: `INSERT INTO usage_totals (day, station_id, metric, key, count)
    SELECT t.day::date, $1, t.metric, t.key, t.count
    FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS t(day, metric, key, count, n)
    ORDER BY t.n
    ON CONFLICT (day, station_id, metric, key) DO UPDATE SET count = usage_totals.count + EXCLUDED.count`,

  touchStation: `UPDATE stations SET last_seen_at = $2, last_heartbeat = $3::jsonb
    WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at <= $2)`,
  insertHeartbeat: 'INSERT INTO heartbeats (station_id, at, heartbeat) VALUES ($1, $2, $3::jsonb)',
  heartbeats: 'SELECT at, heartbeat FROM heartbeats WHERE station_id = $1 ORDER BY at DESC, id DESC LIMIT $2',

  insertRelease: `INSERT INTO releases (version, manifest_json, created_at, note, published_groups)
    VALUES ($1, $2, $3, $4, $5::jsonb)`,
  // FOR SHARE: the release cannot vanish before its activation commits.
  releaseExists: 'SELECT 1 AS found FROM releases WHERE version = $1 FOR SHARE',
  activeRelease: `SELECT r.version, r.manifest_json, r.created_at, r.note, r.published_groups,
      ARRAY(SELECT g.group_name FROM release_activations g WHERE g.version = r.version) AS groups
    FROM release_activations a JOIN releases r ON r.version = a.version
    WHERE a.group_name IN ($1, '*') ORDER BY (a.group_name = '*') LIMIT 1`,
  activeReleaseVersion: `SELECT version FROM release_activations
    WHERE group_name IN ($1, '*') ORDER BY (group_name = '*') LIMIT 1`,
  releaseByVersion: `SELECT ${RELEASE},
      ARRAY(SELECT g.group_name FROM release_activations g WHERE g.version = r.version) AS groups
    FROM releases r WHERE r.version = $1`,
  listReleases: `SELECT ${RELEASE},
      ARRAY(SELECT g.group_name FROM release_activations g WHERE g.version = r.version) AS groups
    FROM releases r ORDER BY version DESC`,
  activate: `INSERT INTO release_activations (group_name, version, activated_at)
    SELECT g, $1, $2 FROM unnest($3::text[]) AS g
    ON CONFLICT (group_name) DO UPDATE SET version = EXCLUDED.version, activated_at = EXCLUDED.activated_at`,

  insertAdmin: 'INSERT INTO admins (id, username, password_hash, role) VALUES ($1, $2, $3, $4)',
  adminByUsername: `SELECT ${ADMIN} FROM admins WHERE username = $1`,
  adminById: `SELECT ${ADMIN} FROM admins WHERE id = $1`,
  listAdmins: `SELECT ${ADMIN} FROM admins ORDER BY username COLLATE "C"`,
  updateAdmin: `UPDATE admins SET password_hash = COALESCE($2, password_hash), role = COALESCE($3, role),
      disabled = COALESCE($4, disabled)
    WHERE id = $1 RETURNING ${ADMIN}`,
  loginFailure: `UPDATE admins SET failed_logins = failed_logins + 1, last_failed_at = $1
    WHERE username = $2 RETURNING failed_logins`,
  resetFailures: 'UPDATE admins SET failed_logins = 0, locked_until = NULL WHERE username = $1',
  lockAdmin: 'UPDATE admins SET locked_until = $1 WHERE username = $2',
  insertSession: 'INSERT INTO sessions (id_hash, admin_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
  sessionByIdHash: `SELECT s.id_hash, s.admin_id, s.csrf_token, s.expires_at,
      a.username, a.password_hash, a.role, a.failed_logins, a.locked_until, a.disabled
    FROM sessions s JOIN admins a ON a.id = s.admin_id
    WHERE s.id_hash = $1 AND s.expires_at > $2 AND NOT a.disabled`,
  deleteSession: 'DELETE FROM sessions WHERE id_hash = $1',
  deleteSessionsOf: 'DELETE FROM sessions WHERE admin_id = $1 AND id_hash IS DISTINCT FROM $2',

  saveDraft: 'INSERT INTO drafts (id, admin_id, created_at, data) VALUES ($1, $2, $3, $4)',
  getDraft: 'SELECT id, admin_id, created_at, data FROM drafts WHERE id = $1',
  deleteDraft: 'DELETE FROM drafts WHERE id = $1',
  listDrafts: 'SELECT id, admin_id, created_at, data FROM drafts ORDER BY created_at',
  pruneDrafts: 'DELETE FROM drafts WHERE created_at < $1',
  insertAudit: 'INSERT INTO audit_log (admin_id, action, detail, at) VALUES ($1, $2, $3, $4)',
  auditLog: 'SELECT admin_id, action, detail, at FROM audit_log ORDER BY at DESC, id DESC LIMIT $1',

  groupConfig: 'SELECT config FROM group_configs WHERE group_name = $1',
  setGroupConfig: `INSERT INTO group_configs (group_name, config) VALUES ($1, $2::jsonb)
    ON CONFLICT (group_name) DO UPDATE SET config = EXCLUDED.config`,
  listGroupConfigs: 'SELECT group_name, config FROM group_configs ORDER BY group_name COLLATE "C"',
  insertNotice: 'INSERT INTO notices (id, notice, onset, expires) VALUES ($1, $2::jsonb, $3, $4)',
  insertNoticeGroups: `INSERT INTO notice_groups (group_name, notice_id)
    SELECT g, $1 FROM unnest($2::text[]) AS g ON CONFLICT DO NOTHING`,
  cancelNotice: 'UPDATE notices SET cancelled_at = COALESCE(cancelled_at, $1) WHERE id = $2',
  activeNotices: `SELECT n.notice FROM notices n
    WHERE n.onset <= $2 AND n.expires > $2 AND (n.cancelled_at IS NULL OR n.cancelled_at > $2)
      AND EXISTS (SELECT 1 FROM notice_groups g WHERE g.notice_id = n.id AND g.group_name IN ($1, '*'))
    ORDER BY n.onset DESC, n.id COLLATE "C"`,
  listNotices: `SELECT n.notice, n.cancelled_at,
      ARRAY(SELECT g.group_name FROM notice_groups g WHERE g.notice_id = n.id) AS groups
    FROM notices n ORDER BY n.onset DESC, n.id COLLATE "C" LIMIT $1`,
} as const;
