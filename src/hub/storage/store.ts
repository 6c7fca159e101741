import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { Notice } from '../../protocol/notice.ts';
import type { Counter, Metric } from '../../protocol/usage.ts';
import type { AlertStore } from './alert-store.ts';
import type { LeaseStore } from './lease-store.ts';
import type { LimitStore } from './limits.ts';
import type { PartnerStore } from './partner-store.ts';
import type { ScheduleStore } from './schedule-store.ts';
import type { SettingsStore } from './settings-store.ts';
import type { TrustStore } from './trust-store.ts';
import type { UptimeStore } from './uptime-store.ts';
import type { WarningStore } from './warning-store.ts';

/**
 * The hub's storage, one interface for the embedded SQLite file and for PostgreSQL. Both
 * adapters pass the same suite (`store.suite.ts`). Every method is one transaction.
 */
/** What became of a usage batch: counted now, or already counted before. */
export type UsageStatus = 'applied' | 'duplicate';

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Smaller stores on the same database, each in its own file with one implementation for both. */
  readonly leases: LeaseStore;
  readonly settings: SettingsStore;
  /** The root chain and the latest timestamp per group (update trust). */
  readonly trust: TrustStore;
  readonly alerts: AlertStore;
  readonly schedules: ScheduleStore;
  readonly uptime: UptimeStore;
  /** Warnings that arrive by themselves: places, alert policy, CAP messages and feeds. */
  readonly warnings: WarningStore;
  /** Partner systems' API keys. */
  readonly partners: PartnerStore;
  /** Rate limits and sign-in attempts, shared by every hub process on this database. */
  readonly limits: LimitStore;
  /** Creates or upgrades the schema; safe to call on every start and from several processes. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Stations and enrollment. Tokens and codes are stored only as sha256 hashes (hex).
  /** Adds a station, created `at` (default: now). */
  createStation(input: NewStation, at?: Date): Promise<Station>;
  getStation(id: string): Promise<Station | null>;
  listStations(): Promise<Station[]>;
  /** Adds a one-time enrollment code for a station; earlier unused codes of the station stop working. */
  addEnrollmentCode(stationId: string, codeHash: string, expiresAt: Date): Promise<void>;
  /**
   * Uses an enrollment code once: when it exists, is unused, unexpired and its station not
   * revoked, marks it used and sets the station's token hash (replacing any earlier token).
   */
  redeemEnrollmentCode(
    codeHash: string,
    tokenHash: string,
    now: Date,
    /**
     * The kiosk's attempt id (hashed): a code already used by the same attempt within 10 minutes
     * is redeemed again with the new token (the first answer never reached the kiosk).
     */
    attemptHash?: string,
  ): Promise<Station | null>;
  /** The station a token belongs to, revoked or not (callers refuse revoked ones). */
  stationByTokenHash(tokenHash: string): Promise<Station | null>;
  revokeStation(id: string, at: Date): Promise<boolean>;

  // Usage: applied exactly once per (station, batch id), inside one transaction.
  applyUsageBatch(
    stationId: string,
    batchId: string,
    counters: readonly Counter[],
    receivedAt: Date,
  ): Promise<UsageStatus>;
  /** Sums of counters in [from, to] (days, inclusive), grouped as asked. */
  usageTotals(query: UsageQuery): Promise<UsageRow[]>;

  // Heartbeats: the latest per station is on the station; history is kept for the station page.
  recordHeartbeat(stationId: string, heartbeat: Heartbeat, at: Date): Promise<void>;
  heartbeatHistory(stationId: string, limit: number): Promise<Array<{ at: Date; heartbeat: Heartbeat }>>;

  // Content releases, per station group. Blobs live on disk by sha256, not in the database.
  addRelease(release: NewRelease): Promise<Release>;
  /** The active release for a group: the group's own, else the `*` (all groups) one. */
  activeRelease(group: string): Promise<Release | null>;
  /** Only the version of that release: what a kiosk's poll needs (one small row). */
  activeReleaseVersion(group: string): Promise<number | null>;
  /** One release by version, or null. */
  releaseByVersion(version: number): Promise<Release | null>;
  listReleases(): Promise<Release[]>;
  activateRelease(version: number, groups: readonly string[], at: Date): Promise<void>;
  /** Publication drafts: uploaded content waiting for someone to confirm it (opaque JSON). */
  saveDraft(draft: Draft): Promise<void>;
  getDraft(id: string): Promise<Draft | null>;
  deleteDraft(id: string): Promise<boolean>;
  /** Every stored draft, oldest first (garbage collection spares their blobs). */
  listDrafts(): Promise<Draft[]>;
  /** Forgets drafts created before `before`; returns how many. */
  pruneDrafts(before: Date): Promise<number>;

  // Admin accounts and sessions. Passwords and session ids only as hashes.
  createAdmin(input: { username: string; passwordHash: string; role: AdminRole }): Promise<Admin>;
  adminByUsername(username: string): Promise<Admin | null>;
  adminById(id: string): Promise<Admin | null>;
  /** Every account, by username. */
  listAdmins(): Promise<Admin[]>;
  /** Changes an account's password hash, role or disabled flag; null when there is no such account. */
  updateAdmin(
    id: string,
    patch: { passwordHash?: string; role?: AdminRole; disabled?: boolean },
  ): Promise<Admin | null>;
  recordLoginFailure(username: string, at: Date): Promise<number>;
  resetLoginFailures(username: string): Promise<void>;
  lockAdmin(username: string, until: Date): Promise<void>;
  createSession(session: {
    idHash: string;
    adminId: string;
    csrfToken: string;
    expiresAt: Date;
  }): Promise<void>;
  sessionByIdHash(idHash: string, now: Date): Promise<(Session & { admin: Admin }) | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of an account, except `keepIdHash` (the caller's own). */
  deleteSessionsOf(adminId: string, keepIdHash?: string): Promise<void>;
  audit(entry: { adminId: string | null; action: string; detail: string; at: Date }): Promise<void>;
  auditLog(
    limit: number,
  ): Promise<Array<{ adminId: string | null; action: string; detail: string; at: Date }>>;

  // Station groups' settings and emergency notices.
  groupConfig(group: string): Promise<GroupConfig | null>;
  setGroupConfig(group: string, config: GroupConfig): Promise<void>;
  /** Every group that has a config, by group name. */
  listGroupConfigs(): Promise<Array<{ group: string; config: GroupConfig }>>;
  addNotice(notice: Notice, groups: readonly string[]): Promise<void>;
  cancelNotice(id: string, at: Date): Promise<boolean>;
  /** Notices for a group that have started, not expired and not been cancelled. */
  activeNotices(group: string, now: Date): Promise<Notice[]>;
  /** The newest notices (by onset), whatever their state, with their groups. */
  listNotices(limit: number): Promise<NoticeRecord[]>;
}

export interface NewStation {
  name: string;
  town: string;
  group: string;
}

export interface Station extends NewStation {
  id: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastSeenAt: Date | null;
  lastHeartbeat: Heartbeat | null;
}

export interface UsageQuery {
  from: string;
  to: string;
  metrics?: readonly Metric[];
  stationId?: string;
  town?: string;
  group?: string;
  /** Group rows by these dimensions; totals over everything else. */
  by: ReadonlyArray<'day' | 'metric' | 'key' | 'station' | 'town' | 'group'>;
}

export interface UsageRow {
  day?: string;
  metric?: Metric;
  key?: string;
  stationId?: string;
  town?: string;
  group?: string;
  count: number;
}

export interface NewRelease {
  version: number;
  /** The signed manifest exactly as served (JSON text), so its ETag and signature stay stable. */
  manifestJson: string;
  createdAt: Date;
  note: string;
  /** Groups it was published for (a rollback republishes for the same groups). */
  publishedGroups: string[];
}

export interface Release extends NewRelease {
  /** Groups this release is active for (`*` = every group without its own). */
  activeGroups: string[];
}

export type AdminRole = 'admin' | 'editor' | 'viewer';

export interface Admin {
  id: string;
  username: string;
  passwordHash: string;
  role: AdminRole;
  failedLogins: number;
  lockedUntil: Date | null;
  /** A disabled account cannot sign in and has no sessions. */
  disabled: boolean;
}

/** A draft publication, stored as opaque JSON by the hub's publishing code. */
export interface Draft {
  id: string;
  adminId: string | null;
  createdAt: Date;
  /** JSON text. */
  data: string;
}

/** A notice as the console lists it. */
export interface NoticeRecord {
  notice: Notice;
  groups: string[];
  cancelledAt: Date | null;
}

export interface Session {
  idHash: string;
  adminId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface GroupConfig {
  idleSeconds: number;
  warningSeconds: number;
  defaultLocale: 'zh-CN' | 'vi' | 'en';
  defaultTextSize: 'standard' | 'large';
  enabledTopics: string[];
  featured: string[];
}
