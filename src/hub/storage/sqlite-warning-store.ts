import { randomUUID } from 'node:crypto';
import type { Place } from '../cap/area.ts';
import { fromJson, toMillis } from './mappers.ts';
import type { SqliteDb } from './sqlite-db.ts';
import { SQ } from './sqlite-sql.ts';
import { toCapFeed, toCapMessage, toScopedNotice } from './warning-mappers.ts';
import type { AlertSettings, CapFeed, CapMessage, NoticeScope, WarningStore } from './warning-store.ts';

const NOTICE_COLUMNS = `n.notice, n.cancelled_at,
  (SELECT json_group_array(g.group_name) FROM notice_groups g WHERE g.notice_id = n.id) AS groups,
  s.origin, s.origin_ref, s.area, s.approved_at, s.approved_by
  FROM notices n LEFT JOIN notice_scopes s ON s.notice_id = n.id`;

const W = {
  alertSettings: 'SELECT settings FROM alert_settings WHERE group_name = ?',
  listAlertSettings: 'SELECT group_name, settings FROM alert_settings ORDER BY group_name',
  setAlertSettings: `INSERT INTO alert_settings (group_name, settings) VALUES (?, ?)
    ON CONFLICT (group_name) DO UPDATE SET settings = excluded.settings`,
  stationPlaces: 'SELECT station_id, place FROM station_places',
  stationPlace: 'SELECT place FROM station_places WHERE station_id = ?',
  stationExists: 'SELECT 1 FROM stations WHERE id = ?',
  setPlace: `INSERT INTO station_places (station_id, place) VALUES (?, ?)
    ON CONFLICT (station_id) DO UPDATE SET place = excluded.place`,
  clearPlace: 'DELETE FROM station_places WHERE station_id = ?',
  noticeExists: 'SELECT 1 FROM notices WHERE id = ?',
  replaceNotice: 'UPDATE notices SET notice = ?, onset = ?, expires = ? WHERE id = ?',
  clearGroups: 'DELETE FROM notice_groups WHERE notice_id = ?',
  upsertScope: `INSERT INTO notice_scopes (notice_id, origin, origin_ref, area, approved_at, approved_by)
    VALUES (@id, @origin, @ref, @area, @approvedAt, @approvedBy)
    ON CONFLICT (notice_id) DO UPDATE SET origin = excluded.origin, origin_ref = excluded.origin_ref,
      area = excluded.area`,
  insertMessage: `INSERT INTO cap_messages (sender, identifier, sent, msg_type, status, outcome, detail,
      notice_id, source, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  message: 'SELECT * FROM cap_messages WHERE sender = ? AND identifier = ?',
  listMessages: 'SELECT * FROM cap_messages ORDER BY received_at DESC, sent DESC LIMIT ?',
  liveNotices: `SELECT ${NOTICE_COLUMNS}
    WHERE n.onset <= @now AND n.expires > @now AND (n.cancelled_at IS NULL OR n.cancelled_at > @now)
      AND EXISTS (SELECT 1 FROM notice_groups g WHERE g.notice_id = n.id AND g.group_name IN (@group, '*'))
    ORDER BY n.onset DESC, n.id`,
  scopedNotice: `SELECT ${NOTICE_COLUMNS} WHERE n.id = ?`,
  listScoped: `SELECT ${NOTICE_COLUMNS} ORDER BY n.onset DESC, n.id LIMIT ?`,
  approve: `UPDATE notice_scopes SET approved_at = COALESCE(approved_at, ?), approved_by = COALESCE(approved_by, ?)
    WHERE notice_id = ?`,
  insertFeed: `INSERT INTO cap_feeds (id, name, url, interval_seconds, enabled, created_at, next_poll_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  feed: 'SELECT * FROM cap_feeds WHERE id = ?',
  listFeeds: 'SELECT * FROM cap_feeds ORDER BY name, id',
  updateFeed: `UPDATE cap_feeds SET name = COALESCE(@name, name), url = COALESCE(@url, url),
      interval_seconds = COALESCE(@interval, interval_seconds), enabled = COALESCE(@enabled, enabled)
    WHERE id = @id`,
  deleteFeed: 'DELETE FROM cap_feeds WHERE id = ?',
  claimFeed: `UPDATE cap_feeds SET next_poll_at = @lease
    WHERE id = (SELECT id FROM cap_feeds WHERE enabled = 1 AND next_poll_at <= @now
      ORDER BY next_poll_at, id LIMIT 1)
    RETURNING *`,
  pollSoon: 'UPDATE cap_feeds SET next_poll_at = ? WHERE id = ?',
  recordPoll: `UPDATE cap_feeds SET last_polled_at = @at, last_ok_at = CASE WHEN @ok = 1 THEN @at ELSE last_ok_at END,
      last_error = @error, etag = @etag, last_modified = @lastModified, failures = @failures,
      next_poll_at = @next
    WHERE id = @id`,
  seen: 'SELECT entry_key FROM cap_feed_entries WHERE feed_id = ? AND entry_key IN (SELECT value FROM json_each(?))',
  remember: `INSERT INTO cap_feed_entries (feed_id, entry_key, seen_at) VALUES (?, ?, ?)
    ON CONFLICT (feed_id, entry_key) DO UPDATE SET seen_at = excluded.seen_at`,
  forget: 'DELETE FROM cap_feed_entries WHERE feed_id = ? AND seen_at < ?',
} as const;

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** The warning store on the hub's SQLite file (shares the store's connection). */
export function sqliteWarningStore(db: SqliteDb): WarningStore {
  const { get, all, run, write } = db;
  const insertMessages = (messages: readonly CapMessage[]) =>
    messages.reduce(
      (n, m) =>
        n +
        run(
          W.insertMessage,
          m.sender,
          m.identifier,
          ms(m.sent),
          m.msgType,
          m.status,
          m.outcome,
          m.detail,
          m.noticeId,
          m.source,
          ms(m.receivedAt),
        ),
      0,
    );
  /** Records the messages; false when the first was already there (nothing is then written). */
  const claimMessages = (messages: readonly CapMessage[] | undefined): boolean => {
    if (!messages || messages.length === 0) return true;
    const [first, ...rest] = messages;
    if (first && insertMessages([first]) === 0) return false;
    insertMessages(rest);
    return true;
  };
  const writeScope = (id: string, scope: NoticeScope | null) => {
    if (!scope) return;
    run(W.upsertScope, {
      id,
      origin: scope.origin,
      ref: scope.originRef,
      area: scope.area ? JSON.stringify(scope.area) : null,
      approvedAt: ms(scope.approvedAt),
      approvedBy: scope.approvedBy,
    });
  };

  return {
    async alertSettings(group) {
      const row = get(W.alertSettings, group);
      return row ? fromJson<AlertSettings>(row.settings) : null;
    },
    async listAlertSettings() {
      return all(W.listAlertSettings).map((r) => ({
        group: String(r.group_name),
        settings: fromJson<AlertSettings>(r.settings),
      }));
    },
    async setAlertSettings(group, settings) {
      run(W.setAlertSettings, group, JSON.stringify(settings));
    },
    async stationPlace(stationId) {
      const row = get(W.stationPlace, stationId);
      return row ? fromJson<Place>(row.place) : null;
    },
    async stationPlaces() {
      return new Map(all(W.stationPlaces).map((r) => [String(r.station_id), fromJson<Place>(r.place)]));
    },
    async setStationPlace(stationId, place) {
      return write(() => {
        if (!get(W.stationExists, stationId)) return false;
        if (place) run(W.setPlace, stationId, JSON.stringify(place));
        else run(W.clearPlace, stationId);
        return true;
      });
    },

    async saveNotice({ notice, groups, scope, replace, messages }) {
      return write(() => {
        const exists = get(W.noticeExists, notice.id) !== undefined;
        if (replace && !exists) return 'missing';
        if (messages?.[0] && get(W.message, messages[0].sender, messages[0].identifier)) return 'duplicate';
        if (replace) {
          run(
            W.replaceNotice,
            JSON.stringify(notice),
            toMillis(notice.onset),
            toMillis(notice.expires),
            notice.id,
          );
          if (groups.length > 0) run(W.clearGroups, notice.id);
        } else {
          run(
            SQ.insertNotice,
            notice.id,
            JSON.stringify(notice),
            toMillis(notice.onset),
            toMillis(notice.expires),
          );
        }
        for (const group of new Set(groups)) run(SQ.insertNoticeGroup, group, notice.id);
        writeScope(notice.id, scope);
        // After the notice, which the messages refer to; the write lock makes the check above hold.
        claimMessages(messages);
        return 'saved';
      });
    },
    async cancelNotices(ids, at, messages) {
      return write(() => {
        if (!claimMessages(messages)) return 'duplicate';
        for (const id of ids) run(SQ.cancelNotice, at.getTime(), id);
        return 'saved';
      });
    },
    async recordCapMessages(messages) {
      return write(() => insertMessages(messages));
    },
    async capMessage(sender, identifier) {
      const row = get(W.message, sender, identifier);
      return row ? toCapMessage(row) : null;
    },
    async listCapMessages(limit) {
      return all(W.listMessages, limit).map(toCapMessage);
    },

    async liveNotices(group, now) {
      return all(W.liveNotices, { group, now: now.getTime() }).map(toScopedNotice);
    },
    async scopedNotice(id) {
      const row = get(W.scopedNotice, id);
      return row ? toScopedNotice(row) : null;
    },
    async listScopedNotices(limit) {
      return all(W.listScoped, limit).map(toScopedNotice);
    },
    async approveNotice(id, adminId, at) {
      return run(W.approve, at.getTime(), adminId, id) > 0;
    },

    async addFeed(input) {
      const feed: CapFeed = {
        ...input,
        id: randomUUID(),
        createdAt: new Date(),
        etag: null,
        lastModified: null,
        lastPolledAt: null,
        lastOkAt: null,
        lastError: null,
        failures: 0,
        nextPollAt: new Date(),
      };
      run(
        W.insertFeed,
        feed.id,
        feed.name,
        feed.url,
        feed.intervalSeconds,
        feed.enabled ? 1 : 0,
        ms(feed.createdAt),
        ms(feed.nextPollAt),
      );
      return feed;
    },
    async getFeed(id) {
      const row = get(W.feed, id);
      return row ? toCapFeed(row) : null;
    },
    async listFeeds() {
      return all(W.listFeeds).map(toCapFeed);
    },
    async updateFeed(id, patch) {
      return write(() => {
        run(W.updateFeed, {
          id,
          name: patch.name ?? null,
          url: patch.url ?? null,
          interval: patch.intervalSeconds ?? null,
          enabled: patch.enabled === undefined ? null : patch.enabled ? 1 : 0,
        });
        const row = get(W.feed, id);
        return row ? toCapFeed(row) : null;
      });
    },
    async deleteFeed(id) {
      return run(W.deleteFeed, id) > 0;
    },
    async claimDueFeed(now, leaseUntil) {
      return write(() => {
        const row = get(W.claimFeed, { now: now.getTime(), lease: leaseUntil.getTime() });
        return row ? toCapFeed(row) : null;
      });
    },
    async pollFeedSoon(id, now) {
      return run(W.pollSoon, now.getTime(), id) > 0;
    },
    async recordPoll(id, r) {
      run(W.recordPoll, {
        id,
        at: r.at.getTime(),
        ok: r.ok ? 1 : 0,
        error: r.error,
        etag: r.etag,
        lastModified: r.lastModified,
        failures: r.failures,
        next: r.nextPollAt.getTime(),
      });
    },
    async seenEntries(feedId, keys) {
      if (keys.length === 0) return new Set();
      return new Set(all(W.seen, feedId, JSON.stringify(keys)).map((r) => String(r.entry_key)));
    },
    async rememberEntries(feedId, keys, at) {
      write(() => {
        for (const key of new Set(keys)) run(W.remember, feedId, key, at.getTime());
      });
    },
    async forgetEntries(feedId, before) {
      return run(W.forget, feedId, before.getTime());
    },
  };
}
