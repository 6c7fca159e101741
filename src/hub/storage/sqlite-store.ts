import { randomUUID } from 'node:crypto';
import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { Counter } from '../../protocol/usage.ts';
import { createAlertStore } from './alert-store.ts';
import { StoreError } from './errors.ts';
import { groupCommit } from './group-commit.ts';
import { createLeaseStore } from './lease-store.ts';
import { sqliteLimits } from './limits-sqlite.ts';
import {
  aggregateCounters,
  fromJson,
  groupsByVersion,
  toAdmin,
  toAuditEntry,
  toDate,
  toDraft,
  toInt,
  toMillis,
  toNotice,
  toNoticeRecord,
  toRelease,
  toSession,
  toStation,
  toUsageRow,
} from './mappers.ts';
import { pendingMigrations } from './migrations.ts';
import { createScheduleStore } from './schedule-store.ts';
import { createSettingsStore } from './settings-store.ts';
import { backupSqliteFile, openSqliteDb } from './sqlite-db.ts';
import { sqlitePartnerStore } from './sqlite-partner-store.ts';
import { sqlitePort } from './sqlite-port.ts';
import { SQLITE_MIGRATIONS } from './sqlite-schema.ts';
import { SQ } from './sqlite-sql.ts';
import { sqliteWarningStore } from './sqlite-warning-store.ts';
import type { GroupConfig, Station, Store, UsageStatus } from './store.ts';
import { createTrustStore } from './trust-store.ts';
import { createUptimeStore } from './uptime-store.ts';
import { buildUsageQuery, SQLITE_USAGE, usageDimensions } from './usage-query.ts';

interface UsageBatchInput {
  stationId: string;
  batchId: string;
  counters: readonly Counter[];
  receivedAt: Date;
}

/** The hub's store in one SQLite file (WAL): the default for a county hub. */
export function openSqliteStore(path: string): Store {
  const sqlite = openSqliteDb(path);
  const { exec, get, all, run, write, read, close } = sqlite;
  const port = sqlitePort(sqlite);
  const stationById = (id: string): Station | null => {
    const row = get(SQ.stationById, id);
    return row ? toStation(row) : null;
  };
  let closed = false;

  // Usage batches arriving in the same turn of the event loop share one transaction (group
  // commit): one BEGIN/COMMIT and one WAL write for many stations. Each caller still learns
  // its own batch's fate, and only after the commit.
  const applyUsage = (batch: UsageBatchInput): UsageStatus => {
    if (
      run(
        SQ.insertBatch,
        batch.stationId,
        batch.batchId,
        toMillis(batch.receivedAt),
        batch.counters.length,
      ) === 0
    )
      return 'duplicate';
    for (const c of aggregateCounters(batch.counters))
      run(SQ.addTotal, c.day, batch.stationId, c.metric, c.key, c.count);
    return 'applied';
  };
  const usageCommits = groupCommit<UsageBatchInput, UsageStatus>(
    (batches) => write(() => batches.map(applyUsage)),
    (batch) => write(() => applyUsage(batch)),
    // Only a refused row (a station deleted meanwhile) is one batch's fault.
    (error) => error instanceof StoreError,
  );

  return {
    kind: 'sqlite',
    leases: createLeaseStore(port),
    settings: createSettingsStore(port),
    trust: createTrustStore(port),
    alerts: createAlertStore(port),
    schedules: createScheduleStore(port),
    uptime: createUptimeStore(port),
    warnings: sqliteWarningStore(sqlite),
    partners: sqlitePartnerStore(sqlite),
    limits: sqliteLimits(sqlite),

    async migrate() {
      write(() => {
        exec(SQ.schemaVersionTable);
        const current = toInt(get(SQ.schemaVersion)?.version ?? 0);
        for (const m of pendingMigrations(current, SQLITE_MIGRATIONS)) {
          exec(m.sql);
          run(SQ.recordVersion, m.version, m.name, Date.now());
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      usageCommits.flush();
      close();
    },

    async createStation(input, at) {
      const station: Station = {
        id: randomUUID(),
        name: input.name,
        town: input.town,
        group: input.group,
        createdAt: at ?? new Date(),
        revokedAt: null,
        lastSeenAt: null,
        lastHeartbeat: null,
      };
      run(
        SQ.insertStation,
        station.id,
        station.name,
        station.town,
        station.group,
        station.createdAt.getTime(),
      );
      return station;
    },

    async getStation(id) {
      return stationById(id);
    },

    async listStations() {
      return all(SQ.listStations).map(toStation);
    },

    async addEnrollmentCode(stationId, codeHash, expiresAt) {
      write(() => {
        run(SQ.dropUnusedCodes, stationId);
        run(SQ.insertCode, codeHash, stationId, toMillis(expiresAt));
      });
    },

    async redeemEnrollmentCode(codeHash, tokenHash, now, attemptHash) {
      return write(() => {
        const used = get(SQ.useCode, { code: codeHash, now: toMillis(now), attempt: attemptHash ?? null });
        if (!used) return null;
        const stationId = String(used.station_id);
        run(SQ.setToken, tokenHash, stationId);
        return stationById(stationId);
      });
    },

    async stationByTokenHash(tokenHash) {
      const row = get(SQ.stationByToken, tokenHash);
      return row ? toStation(row) : null;
    },

    async revokeStation(id, at) {
      return run(SQ.revokeStation, toMillis(at), id) > 0;
    },

    applyUsageBatch(stationId, batchId, counters, receivedAt) {
      return usageCommits.add({ stationId, batchId, counters, receivedAt });
    },

    async usageTotals(query) {
      const by = usageDimensions(query.by);
      const built = buildUsageQuery(query, SQLITE_USAGE);
      if (!built) return [];
      return all(built.sql, ...built.params).map((r) => toUsageRow(r, by));
    },

    async recordHeartbeat(stationId, heartbeat, at) {
      const json = JSON.stringify(heartbeat);
      const ms = toMillis(at);
      write(() => {
        run(SQ.insertHeartbeat, stationId, ms, json);
        run(SQ.touchStation, { id: stationId, at: ms, heartbeat: json });
      });
    },

    async heartbeatHistory(stationId, limit) {
      return all(SQ.heartbeats, stationId, limit).map((r) => ({
        at: toDate(r.at),
        heartbeat: fromJson<Heartbeat>(r.heartbeat),
      }));
    },

    async addRelease(release) {
      run(
        SQ.insertRelease,
        release.version,
        release.manifestJson,
        toMillis(release.createdAt),
        release.note,
        JSON.stringify(release.publishedGroups),
      );
      return { ...release, publishedGroups: [...release.publishedGroups], activeGroups: [] };
    },

    async activeRelease(group) {
      return read(() => {
        const row = get(SQ.activeRelease, group);
        if (!row) return null;
        return toRelease(
          row,
          groupsByVersion(all(SQ.releaseGroups, row.version)).get(toInt(row.version)) ?? [],
        );
      });
    },

    async activeReleaseVersion(group) {
      return read(() => {
        const row = get(SQ.activeReleaseVersion, group);
        return row ? toInt(row.version) : null;
      });
    },

    async releaseByVersion(version) {
      return read(() => {
        const row = get(SQ.releaseByVersion, version);
        if (!row) return null;
        return toRelease(row, groupsByVersion(all(SQ.releaseGroups, version)).get(version) ?? []);
      });
    },

    async listReleases() {
      return read(() => {
        const groups = groupsByVersion(all(SQ.allReleaseGroups));
        return all(SQ.listReleases).map((r) => toRelease(r, groups.get(toInt(r.version)) ?? []));
      });
    },

    async activateRelease(version, groups, at) {
      write(() => {
        if (!get(SQ.releaseExists, version)) throw new StoreError('NOT_FOUND', `no release ${version}`);
        for (const group of new Set(groups)) run(SQ.activate, group, version, toMillis(at));
      });
    },

    async saveDraft(draft) {
      run(SQ.saveDraft, draft.id, draft.adminId, toMillis(draft.createdAt), draft.data);
    },

    async getDraft(id) {
      const row = get(SQ.getDraft, id);
      return row ? toDraft(row) : null;
    },

    async listDrafts() {
      return all(SQ.listDrafts).map(toDraft);
    },

    async deleteDraft(id) {
      return run(SQ.deleteDraft, id) > 0;
    },

    async pruneDrafts(before) {
      return run(SQ.pruneDrafts, toMillis(before));
    },

    async createAdmin(input) {
      const id = randomUUID();
      run(SQ.insertAdmin, id, input.username, input.passwordHash, input.role);
      return { id, ...input, failedLogins: 0, lockedUntil: null, disabled: false };
    },

    async adminByUsername(username) {
      const row = get(SQ.adminByUsername, username);
      return row ? toAdmin(row) : null;
    },

    async adminById(id) {
      const row = get(SQ.adminById, id);
      return row ? toAdmin(row) : null;
    },

    async listAdmins() {
      return all(SQ.listAdmins).map(toAdmin);
    },

    async updateAdmin(id, patch) {
      return write(() => {
        if (patch.passwordHash !== undefined) run(SQ.setAdminPassword, patch.passwordHash, id);
        if (patch.role !== undefined) run(SQ.setAdminRole, patch.role, id);
        if (patch.disabled !== undefined) run(SQ.setAdminDisabled, patch.disabled ? 1 : 0, id);
        const row = get(SQ.adminById, id);
        return row ? toAdmin(row) : null;
      });
    },

    async recordLoginFailure(username, at) {
      const row = get(SQ.loginFailure, toMillis(at), username);
      return row ? toInt(row.failed_logins) : 0;
    },

    async resetLoginFailures(username) {
      run(SQ.resetFailures, username);
    },

    async lockAdmin(username, until) {
      run(SQ.lockAdmin, toMillis(until), username);
    },

    async createSession(session) {
      run(SQ.insertSession, session.idHash, session.adminId, session.csrfToken, toMillis(session.expiresAt));
    },

    async sessionByIdHash(idHash, now) {
      const row = get(SQ.sessionByIdHash, idHash, toMillis(now));
      return row ? toSession(row) : null;
    },

    async deleteSession(idHash) {
      run(SQ.deleteSession, idHash);
    },

    async deleteSessionsOf(adminId, keepIdHash) {
      run(SQ.deleteSessionsOf, adminId, keepIdHash ?? null);
    },

    async audit(entry) {
      run(SQ.insertAudit, entry.adminId, entry.action, entry.detail, toMillis(entry.at));
    },

    async auditLog(limit) {
      return all(SQ.auditLog, limit).map(toAuditEntry);
    },

    async groupConfig(group) {
      const row = get(SQ.groupConfig, group);
      return row ? fromJson<GroupConfig>(row.config) : null;
    },

    async setGroupConfig(group, config) {
      run(SQ.setGroupConfig, group, JSON.stringify(config));
    },

    async listGroupConfigs() {
      return all(SQ.listGroupConfigs).map((r) => ({
        group: String(r.group_name),
        config: fromJson<GroupConfig>(r.config),
      }));
    },

    async addNotice(notice, groups) {
      const onset = toMillis(notice.onset);
      const expires = toMillis(notice.expires);
      write(() => {
        run(SQ.insertNotice, notice.id, JSON.stringify(notice), onset, expires);
        for (const group of groups) run(SQ.insertNoticeGroup, group, notice.id);
      });
    },

    async cancelNotice(id, at) {
      return run(SQ.cancelNotice, toMillis(at), id) > 0;
    },

    async activeNotices(group, now) {
      return all(SQ.activeNotices, { group, now: toMillis(now) }).map(toNotice);
    },

    async listNotices(limit) {
      return all(SQ.listNotices, limit).map(toNoticeRecord);
    },
  };
}

/** Copies a live hub database to `destPath` with SQLite's online backup (safe while the hub runs). */
export async function backupSqlite(storePath: string, destPath: string): Promise<void> {
  await backupSqliteFile(storePath, destPath);
}
