/** The hub's admin API answers as the console reads them (JSON: dates are ISO strings). */
import type { CatalogEntry } from '../protocol/content-doc.ts';
import type { Heartbeat } from '../protocol/heartbeat.ts';
import type { Notice } from '../protocol/notice.ts';
import type { PackFile } from '../protocol/pack-manifest.ts';
import type { Role } from './session.ts';

export interface ReleaseSummary {
  version: number;
  createdAt: string;
  note: string;
  publishedGroups: string[];
  activeGroups: string[];
  keyId: string;
  expires: string;
  files: number;
  bytes: number;
  articles: number;
}

export interface ReleaseDiff {
  against: number | null;
  articles: Array<{ id: string; change: 'added' | 'changed' | 'removed'; entry: CatalogEntry | null }>;
  unchangedArticles: number;
  quizzes: Array<{ topic: string; change: 'added' | 'changed' | 'removed' }>;
  download: { files: number; bytes: number };
  total: { files: number; bytes: number };
}

export interface ReleaseDetail extends ReleaseSummary {
  fileList: PackFile[];
  diff: ReleaseDiff;
  group: string;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  code: string;
  message: string;
}

export interface DraftView {
  id: string;
  kind: 'content' | 'pack';
  source: string;
  createdAt: string;
  files: PackFile[];
  version?: number;
  keyId?: string;
  versionTooLow: boolean;
  warnings: Diagnostic[];
  articles: number;
  questions: number;
  diff: ReleaseDiff;
  group: string;
}

export type StationState = 'online' | 'late' | 'silent' | 'revoked';

export interface StationView {
  id: string;
  name: string;
  town: string;
  group: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastHeartbeat: Heartbeat | null;
  state: StationState;
}

export interface NoticeView {
  notice: Notice;
  groups: string[];
  cancelledAt: string | null;
  state: 'scheduled' | 'active' | 'expired' | 'cancelled';
  origin: 'console' | 'cap' | 'partner';
  source: string | null;
  approvedAt: string | null;
  /** For a live notice that came by itself: where it shows, and where it waits for approval. */
  reach: Reach | null;
}

export interface Reach {
  shown: Array<{ group: string; stations: number }>;
  waiting: Array<{ group: string; stations: number }>;
}

export interface CapFeedView {
  id: string;
  name: string;
  url: string;
  intervalSeconds: number;
  enabled: boolean;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  failures: number;
  nextPollAt: string;
}

export interface CapMessageView {
  sender: string;
  identifier: string;
  sent: string;
  msgType: string;
  status: string;
  outcome: 'created' | 'updated' | 'cancelled' | 'superseded' | 'ignored' | 'refused';
  detail: string;
  noticeId: string | null;
  receivedAt: string;
}

/** What a CAP message did when uploaded or polled. */
export interface IngestView {
  outcome: CapMessageView['outcome'] | 'duplicate';
  noticeId: string | null;
  detail: string;
}

export interface PlaceView {
  town?: string;
  lat?: number;
  lon?: number;
  geocode?: string;
}

export interface AlertSettingsView {
  policy: 'extreme' | 'severe' | 'all' | 'none';
  chime: boolean;
  testGroup: boolean;
  place: PlaceView | null;
}

export interface AlertSettingsPage {
  groups: Array<{
    group: string;
    stations: number;
    settings: AlertSettingsView | null;
    effective: AlertSettingsView;
  }>;
  stations: Array<{
    id: string;
    name: string;
    town: string;
    group: string;
    place: PlaceView | null;
    effective: PlaceView;
  }>;
}

export interface PartnerKeyView {
  id: string;
  name: string;
  prefix: string;
  groups: string[];
  scopes: Array<'notices' | 'cap'>;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface GroupConfig {
  idleSeconds: number;
  warningSeconds: number;
  defaultLocale: 'zh-CN' | 'vi' | 'en';
  defaultTextSize: 'standard' | 'large';
  enabledTopics: string[];
  featured: string[];
}

export interface GroupView {
  group: string;
  stations: number;
  config: GroupConfig | null;
  effective: GroupConfig;
}

export interface Account {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  lockedUntil: string | null;
}

export interface AuditEntry {
  adminId: string | null;
  username: string | null;
  action: string;
  detail: string;
  at: string;
}

export type Cell = string | number | null;

export interface ReportTable {
  report: string;
  columns: string[];
  rows: Array<Record<string, Cell>>;
}

/** A key on the Keys page: its id, who holds it (a name only), whether the hub holds it. */
export interface TrustKey {
  keyId: string;
  holder: string;
  online: boolean;
}

export type TrustRole = 'root' | 'content' | 'timestamp';

/** GET /api/v1/admin/trust: the root chain and who holds which key. */
export interface TrustSummary {
  version: number;
  expires: string;
  timestampMaxHours: number;
  timestampHours: number;
  roles: Record<TrustRole, { threshold: number; keys: TrustKey[] }>;
  chain: Array<{
    version: number;
    expires: string;
    addedAt: string;
    signedBy: TrustKey[];
    changed: TrustRole[];
  }>;
  demo: boolean;
}

/** POST /api/v1/admin/trust/drafts: root N+1 for the holders to sign offline. */
export interface TrustDraft {
  draft: { signed: { version: number; expires: string }; signatures: unknown[] };
  fileName: string;
  previous: { version: number; threshold: number; keys: Array<{ keyId: string; holder: string }> };
  next: { version: number; threshold: number; keys: Array<{ keyId: string; holder: string }> };
}
