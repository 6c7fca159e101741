import { randomUUID } from 'node:crypto';
import type { Heartbeat } from '../../protocol/heartbeat.ts';
import { createAlertStore } from './alert-store.ts';
import { StoreError } from './errors.ts';
import { createLeaseStore } from './lease-store.ts';
import { postgresLimits } from './limits-postgres.ts';
import {
  aggregateCounters,
  fromJson,
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
import { postgresPartnerStore } from './postgres-partner-store.ts';
import { connectPostgres, type PostgresStoreOptions } from './postgres-pool.ts';
import { postgresPort } from './postgres-port.ts';
import { POSTGRES_MIGRATIONS } from './postgres-schema.ts';
import { PQ } from './postgres-sql.ts';
import { postgresWarningStore } from './postgres-warning-store.ts';
import { createScheduleStore } from './schedule-store.ts';
import { createSettingsStore } from './settings-store.ts';
import type { GroupConfig, Station, Store } from './store.ts';
import { createTrustStore } from './trust-store.ts';
import { createUptimeStore } from './uptime-store.ts';
import { buildUsageQuery, POSTGRES_USAGE, usageDimensions } from './usage-query.ts';

export type { PostgresStoreOptions } from './postgres-pool.ts';

/** The hub's store on PostgreSQL: for several stateless hub processes behind a load balancer. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = connectPostgres(url, options);
  const { rows, one, changed, tx, end } = pool;
  const port = postgresPort(pool);
  let closed = false;

  return {
    kind: 'postgres',
    leases: createLeaseStore(port),
    settings: createSettingsStore(port),
    trust: createTrustStore(port),
    alerts: createAlertStore(port),
    schedules: createScheduleStore(port),
    uptime: createUptimeStore(port),
    warnings: postgresWarningStore(pool),
    partners: postgresPartnerStore(pool),
    limits: postgresLimits(pool),

    async migrate() {
      await tx(async (c) => {
        await c.query(PQ.migrationLock);
        await c.query(PQ.schemaVersionTable);
        const [row] = await rows(c, PQ.schemaVersion);
        for (const m of pendingMigrations(toInt(row?.version ?? 0), POSTGRES_MIGRATIONS)) {
          await c.query(m.sql);
          await c.query(PQ.recordVersion, [m.version, m.name]);
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      await end();
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
      await one(PQ.insertStation, [station.id, station.name, station.town, station.group, station.createdAt]);
      return station;
    },

    async getStation(id) {
      const [row] = await one(PQ.stationById, [id]);
      return row ? toStation(row) : null;
    },

    async listStations() {
      return (await one(PQ.listStations)).map(toStation);
    },

    async addEnrollmentCode(stationId, codeHash, expiresAt) {
      await tx(async (c) => {
        await c.query(PQ.dropUnusedCodes, [stationId]);
        await c.query(PQ.insertCode, [codeHash, stationId, expiresAt]);
      });
    },

    async redeemEnrollmentCode(codeHash, tokenHash, now, attemptHash) {
      return tx(async (c) => {
        const [used] = await rows(c, PQ.useCode, [codeHash, now, attemptHash ?? null]);
        if (!used) return null;
        const [row] = await rows(c, PQ.setToken, [tokenHash, used.station_id]);
        return row ? toStation(row) : null;
      });
    },

    async stationByTokenHash(tokenHash) {
      const [row] = await one(PQ.stationByToken, [tokenHash]);
      return row ? toStation(row) : null;
    },

    async revokeStation(id, at) {
      return (await changed(PQ.revokeStation, [at, id])) > 0;
    },

    async applyUsageBatch(stationId, batchId, counters, receivedAt) {
      const sums = aggregateCounters(counters);
      return tx(async (c) => {
        const inserted = await rows(c, PQ.insertBatch, [stationId, batchId, receivedAt, counters.length]);
        if (inserted.length === 0) return 'duplicate';
        if (sums.length > 0) {
          await c.query(PQ.addTotals, [
            stationId,
            sums.map((s) => s.day),
            sums.map((s) => s.metric),
            sums.map((s) => s.key),
            sums.map((s) => s.count),
          ]);
        }
        return 'applied';
      });
    },

    async usageTotals(query) {
      const by = usageDimensions(query.by);
      const built = buildUsageQuery(query, POSTGRES_USAGE);
      if (!built) return [];
      return (await one(built.sql, built.params)).map((r) => toUsageRow(r, by));
    },

    async recordHeartbeat(stationId, heartbeat, at) {
      const json = JSON.stringify(heartbeat);
      await tx(async (c) => {
        await c.query(PQ.insertHeartbeat, [stationId, at, json]);
        await c.query(PQ.touchStation, [stationId, at, json]);
      });
    },

    async heartbeatHistory(stationId, limit) {
      return (await one(PQ.heartbeats, [stationId, limit])).map((r) => ({
        at: toDate(r.at),
        heartbeat: fromJson<Heartbeat>(r.heartbeat),
      }));
    },

    async addRelease(release) {
      await one(PQ.insertRelease, [
        release.version,
        release.manifestJson,
        release.createdAt,
        release.note,
        JSON.stringify(release.publishedGroups),
      ]);
      return { ...release, publishedGroups: [...release.publishedGroups], activeGroups: [] };
    },

    async activeRelease(group) {
      const [row] = await one(PQ.activeRelease, [group]);
      return row ? toRelease(row, row.groups as string[]) : null;
    },

    async activeReleaseVersion(group) {
      const [row] = await one(PQ.activeReleaseVersion, [group]);
      return row ? toInt(row.version) : null;
    },

    async releaseByVersion(version) {
      const [row] = await one(PQ.releaseByVersion, [version]);
      return row ? toRelease(row, row.groups as string[]) : null;
    },

    async listReleases() {
      return (await one(PQ.listReleases)).map((r) => toRelease(r, r.groups as string[]));
    },

    async activateRelease(version, groups, at) {
      await tx(async (c) => {
        if ((await rows(c, PQ.releaseExists, [version])).length === 0) {
          throw new StoreError('NOT_FOUND', `no release ${version}`);
        }
        await c.query(PQ.activate, [version, at, [...new Set(groups)]]);
      });
    },

    async saveDraft(draft) {
      await one(PQ.saveDraft, [draft.id, draft.adminId, draft.createdAt, draft.data]);
    },

    async getDraft(id) {
      const [row] = await one(PQ.getDraft, [id]);
      return row ? toDraft(row) : null;
    },

    async listDrafts() {
      return (await one(PQ.listDrafts)).map(toDraft);
    },

    async deleteDraft(id) {
      return (await changed(PQ.deleteDraft, [id])) > 0;
    },

    async pruneDrafts(before) {
      return changed(PQ.pruneDrafts, [before]);
    },

    async createAdmin(input) {
      const id = randomUUID();
      await one(PQ.insertAdmin, [id, input.username, input.passwordHash, input.role]);
      return { id, ...input, failedLogins: 0, lockedUntil: null, disabled: false };
    },

    async adminByUsername(username) {
      const [row] = await one(PQ.adminByUsername, [username]);
      return row ? toAdmin(row) : null;
    },

    async adminById(id) {
      const [row] = await one(PQ.adminById, [id]);
      return row ? toAdmin(row) : null;
    },

    async listAdmins() {
      return (await one(PQ.listAdmins)).map(toAdmin);
    },

    async updateAdmin(id, patch) {
      const [row] = await one(PQ.updateAdmin, [
        id,
        patch.passwordHash ?? null,
        patch.role ?? null,
        patch.disabled ?? null,
      ]);
      return row ? toAdmin(row) : null;
    },

    async recordLoginFailure(username, at) {
      const [row] = await one(PQ.loginFailure, [at, username]);
      return row ? toInt(row.failed_logins) : 0;
    },

    async resetLoginFailures(username) {
      await changed(PQ.resetFailures, [username]);
    },

    async lockAdmin(username, until) {
      await one(PQ.lockAdmin, [until, username]);
    },

    async createSession(session) {
      await one(PQ.insertSession, [session.idHash, session.adminId, session.csrfToken, session.expiresAt]);
    },

    async sessionByIdHash(idHash, now) {
      const [row] = await one(PQ.sessionByIdHash, [idHash, now]);
      return row ? toSession(row) : null;
    },

    async deleteSession(idHash) {
      await one(PQ.deleteSession, [idHash]);
    },

    async deleteSessionsOf(adminId, keepIdHash) {
      await one(PQ.deleteSessionsOf, [adminId, keepIdHash ?? null]);
    },

    async audit(entry) {
      await one(PQ.insertAudit, [entry.adminId, entry.action, entry.detail, entry.at]);
    },

    async auditLog(limit) {
      return (await one(PQ.auditLog, [limit])).map(toAuditEntry);
    },

    async groupConfig(group) {
      const [row] = await one(PQ.groupConfig, [group]);
      return row ? fromJson<GroupConfig>(row.config) : null;
    },

    async setGroupConfig(group, config) {
      await one(PQ.setGroupConfig, [group, JSON.stringify(config)]);
    },

    async listGroupConfigs() {
      return (await one(PQ.listGroupConfigs)).map((r) => ({
        group: String(r.group_name),
        config: fromJson<GroupConfig>(r.config),
      }));
    },

    async addNotice(notice, groups) {
      const onset = new Date(toMillis(notice.onset));
      const expires = new Date(toMillis(notice.expires));
      await tx(async (c) => {
        await c.query(PQ.insertNotice, [notice.id, JSON.stringify(notice), onset, expires]);
        await c.query(PQ.insertNoticeGroups, [notice.id, [...new Set(groups)]]);
      });
    },

    async cancelNotice(id, at) {
      return (await changed(PQ.cancelNotice, [at, id])) > 0;
    },

    async activeNotices(group, now) {
      return (await one(PQ.activeNotices, [group, now])).map(toNotice);
    },

    async listNotices(limit) {
      return (await one(PQ.listNotices, [limit])).map(toNoticeRecord);
    },
  };
}
