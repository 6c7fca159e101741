/** The SQLite adapter's statements (`?` and `@name` parameters; timestamps in epoch ms). */

const STATION = 'id, name, town, group_name, created_at, revoked_at, last_seen_at, last_heartbeat';
const ADMIN = 'id, username, password_hash, role, failed_logins, locked_until, disabled';
const RELEASE = 'version, manifest_json, created_at, note, published_groups';

/** Statements by purpose; prepared once per connection. */
export const SQ = {
  schemaVersionTable:
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
  schemaVersion: 'SELECT COALESCE(MAX(version), 0) AS version FROM schema_version',
  recordVersion: 'INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)',

  insertStation: 'INSERT INTO stations (id, name, town, group_name, created_at) VALUES (?, ?, ?, ?, ?)',
  stationById: `SELECT ${STATION} FROM stations WHERE id = ?`,
  stationByToken: `SELECT ${STATION} FROM stations WHERE token_hash = ?`,
  listStations: `SELECT ${STATION} FROM stations ORDER BY town, name, id`,
  revokeStation: 'UPDATE stations SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?',

  dropUnusedCodes: 'DELETE FROM enrollment_codes WHERE station_id = ? AND used_at IS NULL',
  insertCode: 'INSERT INTO enrollment_codes (code_hash, station_id, expires_at) VALUES (?, ?, ?)',
  // Unused, or used within 10 minutes by the same attempt (its answer was lost: a retry).
  useCode: `UPDATE enrollment_codes SET used_at = COALESCE(used_at, @now), attempt_hash = COALESCE(attempt_hash, @attempt)
    WHERE code_hash = @code AND expires_at > @now
      AND (used_at IS NULL OR (@attempt IS NOT NULL AND attempt_hash = @attempt AND used_at > @now - 600000))
      AND station_id IN (SELECT id FROM stations WHERE revoked_at IS NULL)
    RETURNING station_id`,
  setToken: 'UPDATE stations SET token_hash = ? WHERE id = ?',

  insertBatch: `INSERT INTO usage_batches (station_id, batch_id, received_at, counters) VALUES (?, ?, ?, ?)
    ON CONFLICT (station_id, batch_id) DO NOTHING`,
  addTotal: `INSERT INTO usage_totals (day, station_id, metric, key, count) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (day, station_id, metric, key) DO UPDATE SET count = usage_totals.count + excluded.count`,

  touchStation: `UPDATE stations SET last_seen_at = @at, last_heartbeat = @heartbeat
    WHERE id = @id AND (last_seen_at IS NULL OR last_seen_at <= @at)`,
  insertHeartbeat: 'INSERT INTO heartbeats (station_id, at, heartbeat) VALUES (?, ?, ?)',
  heartbeats: 'SELECT at, heartbeat FROM heartbeats WHERE station_id = ? ORDER BY at DESC, id DESC LIMIT ?',

  insertRelease:
    'INSERT INTO releases (version, manifest_json, created_at, note, published_groups) VALUES (?, ?, ?, ?, ?)',
  releaseExists: 'SELECT 1 AS found FROM releases WHERE version = ?',
  activeRelease: `SELECT r.version, r.manifest_json, r.created_at, r.note, r.published_groups FROM release_activations a
    JOIN releases r ON r.version = a.version
    WHERE a.group_name IN (?, '*') ORDER BY CASE WHEN a.group_name = '*' THEN 1 ELSE 0 END LIMIT 1`,
  activeReleaseVersion: `SELECT version FROM release_activations WHERE group_name IN (?, '*')
    ORDER BY CASE WHEN group_name = '*' THEN 1 ELSE 0 END LIMIT 1`,
  releaseByVersion: `SELECT ${RELEASE} FROM releases WHERE version = ?`,
  releaseGroups: 'SELECT version, group_name FROM release_activations WHERE version = ?',
  allReleaseGroups: 'SELECT version, group_name FROM release_activations',
  listReleases: `SELECT ${RELEASE} FROM releases ORDER BY version DESC`,
  activate: `INSERT INTO release_activations (group_name, version, activated_at) VALUES (?, ?, ?)
    ON CONFLICT (group_name) DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at`,

  insertAdmin: 'INSERT INTO admins (id, username, password_hash, role) VALUES (?, ?, ?, ?)',
  adminByUsername: `SELECT ${ADMIN} FROM admins WHERE username = ?`,
  adminById: `SELECT ${ADMIN} FROM admins WHERE id = ?`,
  listAdmins: `SELECT ${ADMIN} FROM admins ORDER BY username`,
  setAdminPassword: 'UPDATE admins SET password_hash = ? WHERE id = ?',
  setAdminRole: 'UPDATE admins SET role = ? WHERE id = ?',
  setAdminDisabled: 'UPDATE admins SET disabled = ? WHERE id = ?',
  loginFailure: `UPDATE admins SET failed_logins = failed_logins + 1, last_failed_at = ?
    WHERE username = ? RETURNING failed_logins`,
  resetFailures: 'UPDATE admins SET failed_logins = 0, locked_until = NULL WHERE username = ?',
  lockAdmin: 'UPDATE admins SET locked_until = ? WHERE username = ?',
  insertSession: 'INSERT INTO sessions (id_hash, admin_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)',
  sessionByIdHash: `SELECT s.id_hash, s.admin_id, s.csrf_token, s.expires_at,
      a.username, a.password_hash, a.role, a.failed_logins, a.locked_until, a.disabled
    FROM sessions s JOIN admins a ON a.id = s.admin_id
    WHERE s.id_hash = ? AND s.expires_at > ? AND a.disabled = 0`,
  deleteSession: 'DELETE FROM sessions WHERE id_hash = ?',
  deleteSessionsOf: 'DELETE FROM sessions WHERE admin_id = ? AND id_hash IS NOT ?',

  saveDraft: 'INSERT INTO drafts (id, admin_id, created_at, data) VALUES (?, ?, ?, ?)',
  getDraft: 'SELECT id, admin_id, created_at, data FROM drafts WHERE id = ?',
  deleteDraft: 'DELETE FROM drafts WHERE id = ?',
  listDrafts: 'SELECT id, admin_id, created_at, data FROM drafts ORDER BY created_at',
  pruneDrafts: 'DELETE FROM drafts WHERE created_at < ?',
  insertAudit: 'INSERT INTO audit_log (admin_id, action, detail, at) VALUES (?, ?, ?, ?)',
  auditLog: 'SELECT admin_id, action, detail, at FROM audit_log ORDER BY at DESC, id DESC LIMIT ?',

  groupConfig: 'SELECT config FROM group_configs WHERE group_name = ?',
  setGroupConfig: `INSERT INTO group_configs (group_name, config) VALUES (?, ?)
    ON CONFLICT (group_name) DO UPDATE SET config = excluded.config`,
  listGroupConfigs: 'SELECT group_name, config FROM group_configs ORDER BY group_name',
  insertNotice: 'INSERT INTO notices (id, notice, onset, expires) VALUES (?, ?, ?, ?)',
  insertNoticeGroup: 'INSERT INTO notice_groups (group_name, notice_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  cancelNotice: 'UPDATE notices SET cancelled_at = COALESCE(cancelled_at, ?) WHERE id = ?',
  activeNotices: `SELECT n.notice FROM notices n
    WHERE n.onset <= @now AND n.expires > @now AND (n.cancelled_at IS NULL OR n.cancelled_at > @now)
      AND EXISTS (SELECT 1 FROM notice_groups g WHERE g.notice_id = n.id AND g.group_name IN (@group, '*'))
    ORDER BY n.onset DESC, n.id`,
  listNotices: `SELECT n.notice, n.cancelled_at,
      (SELECT json_group_array(g.group_name) FROM notice_groups g WHERE g.notice_id = n.id) AS groups
    FROM notices n ORDER BY n.onset DESC, n.id LIMIT ?`,
} as const;
