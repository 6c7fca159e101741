import type { Notice } from '../../protocol/notice.ts';
import type { AlertArea, Place } from '../cap/area.ts';

/**
 * Storage for warnings that arrive by themselves (CAP feeds, uploads, partner systems): where
 * stations stand, each group's alert policy, the notices' areas and approvals, the CAP messages
 * seen, and the feeds polled. Part of the Store (`store.warnings`), with an SQLite and a
 * PostgreSQL implementation that pass one suite (`suite/warnings.ts`).
 */
export interface WarningStore {
  /** A group's own alert settings (`*`: the default for groups without their own). */
  alertSettings(group: string): Promise<AlertSettings | null>;
  listAlertSettings(): Promise<Array<{ group: string; settings: AlertSettings }>>;
  setAlertSettings(group: string, settings: AlertSettings): Promise<void>;
  /** A station's own place, if it has one. */
  stationPlace(stationId: string): Promise<Place | null>;
  /** Every station's own place (only stations that have one). */
  stationPlaces(): Promise<Map<string, Place>>;
  /** Sets or (null) clears a station's own place; false when there is no such station. */
  setStationPlace(stationId: string, place: Place | null): Promise<boolean>;

  /**
   * Writes a notice in one transaction: a new one with its groups, or (`replace`) new content
   * for an existing id, keeping its groups unless given and its approval. With `messages`, the
   * CAP messages that caused it are recorded in the same transaction, and nothing is written
   * when the first of them was already recorded (another hub process got there first).
   */
  saveNotice(input: {
    notice: Notice;
    groups: readonly string[];
    scope: NoticeScope | null;
    replace: boolean;
    messages?: readonly CapMessage[];
  }): Promise<'saved' | 'duplicate' | 'missing'>;
  /** Cancels notices and records the messages (as saveNotice); already cancelled ones stay as they were. */
  cancelNotices(
    ids: readonly string[],
    at: Date,
    messages?: readonly CapMessage[],
  ): Promise<'saved' | 'duplicate'>;
  /** Records messages not seen before (a refusal, an ignored one); returns how many were new. */
  recordCapMessages(messages: readonly CapMessage[]): Promise<number>;
  capMessage(sender: string, identifier: string): Promise<CapMessage | null>;
  /** The newest messages first. */
  listCapMessages(limit: number): Promise<CapMessage[]>;

  /** Notices in force for a group (or `*`) at `now`, with their scope. */
  liveNotices(group: string, now: Date): Promise<ScopedNotice[]>;
  scopedNotice(id: string): Promise<ScopedNotice | null>;
  /** The newest notices (by onset) with groups and scope, whatever their state. */
  listScopedNotices(limit: number): Promise<ScopedNotice[]>;
  /** Marks a notice approved by an editor; false when there is no such notice with a scope. */
  approveNotice(id: string, adminId: string, at: Date): Promise<boolean>;

  addFeed(feed: NewCapFeed): Promise<CapFeed>;
  getFeed(id: string): Promise<CapFeed | null>;
  listFeeds(): Promise<CapFeed[]>;
  updateFeed(id: string, patch: Partial<NewCapFeed>): Promise<CapFeed | null>;
  deleteFeed(id: string): Promise<boolean>;
  /**
   * Takes the enabled feed longest due at `now`, if any, and moves its next poll to `leaseUntil`
   * in the same statement, so two hub processes never poll one feed at once.
   */
  claimDueFeed(now: Date, leaseUntil: Date): Promise<CapFeed | null>;
  /** Makes a feed due now (the console's "poll now"). */
  pollFeedSoon(id: string, now: Date): Promise<boolean>;
  recordPoll(id: string, result: PollRecord): Promise<void>;
  /** Which of these entry keys a feed has already handled. */
  seenEntries(feedId: string, keys: readonly string[]): Promise<Set<string>>;
  rememberEntries(feedId: string, keys: readonly string[], at: Date): Promise<void>;
  /** Forgets entries seen before `before` (feeds drop old entries; their keys need not stay). */
  forgetEntries(feedId: string, before: Date): Promise<number>;
}

/** Which severities go out at once in a group; the rest wait for an editor's approval. */
export const ALERT_POLICIES = ['extreme', 'severe', 'all', 'none'] as const;
export type AlertPolicy = (typeof ALERT_POLICIES)[number];

export interface AlertSettings {
  /** `severe`: Extreme and Severe at once (the default); `extreme`: only Extreme; `all`; `none`. */
  policy: AlertPolicy;
  /** The kiosk's alarm chime for an Extreme alert (off: a quiet group, the card still shows). */
  chime: boolean;
  /** A test group's kiosks also show Exercise and Test alerts, marked as such. */
  testGroup: boolean;
  /** Where the group's stations stand unless a station has its own place. */
  place: Place | null;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  policy: 'severe',
  chime: true,
  testGroup: false,
  place: null,
};

/** How a notice that arrived by itself is targeted and released. */
export interface NoticeScope {
  origin: 'cap' | 'partner';
  /** The feed id, `upload` or the partner key id that brought it. */
  originRef: string;
  /** The areas it covers; null: every station of its groups. */
  area: AlertArea | null;
  approvedAt: Date | null;
  approvedBy: string | null;
}

export interface ScopedNotice {
  notice: Notice;
  groups: string[];
  cancelledAt: Date | null;
  /** Null for a notice typed in the console. */
  scope: NoticeScope | null;
}

/** What became of a CAP message. */
export const CAP_OUTCOMES = ['created', 'updated', 'cancelled', 'superseded', 'ignored', 'refused'] as const;
export type CapOutcome = (typeof CAP_OUTCOMES)[number];

/** A CAP message the hub has seen (sender and identifier identify it), or one named by another. */
export interface CapMessage {
  sender: string;
  identifier: string;
  sent: Date;
  msgType: string;
  status: string;
  outcome: CapOutcome;
  /** Why, for people: the refusal, or what it did. */
  detail: string;
  noticeId: string | null;
  /** `feed:<id>`, `upload:<admin id>` or `partner:<key id>`. */
  source: string;
  receivedAt: Date;
}

export interface NewCapFeed {
  name: string;
  url: string;
  intervalSeconds: number;
  enabled: boolean;
}

export interface CapFeed extends NewCapFeed {
  id: string;
  createdAt: Date;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: Date | null;
  lastOkAt: Date | null;
  /** `CODE: message` of the last failed poll, null after a good one. */
  lastError: string | null;
  /** Failed polls in a row (the backoff grows with them). */
  failures: number;
  nextPollAt: Date;
}

/** The result of one poll of a feed. */
export interface PollRecord {
  at: Date;
  ok: boolean;
  error: string | null;
  etag: string | null;
  lastModified: string | null;
  failures: number;
  nextPollAt: Date;
}
