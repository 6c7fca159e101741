import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Place } from '../cap/area.ts';
import { fromJson } from './mappers.ts';
import type { PostgresDb } from './postgres-pool.ts';
import { PQ } from './postgres-sql.ts';
import { toCapFeed, toCapMessage, toScopedNotice } from './warning-mappers.ts';
import type { AlertSettings, CapFeed, CapMessage, NoticeScope, WarningStore } from './warning-store.ts';

const NOTICE_COLUMNS = `n.notice, n.cancelled_at,
  to_jsonb(ARRAY(SELECT g.group_name FROM notice_groups g WHERE g.notice_id = n.id)) AS groups,
  s.origin, s.origin_ref, s.area, s.approved_at, s.approved_by
  FROM notices n LEFT JOIN notice_scopes s ON s.notice_id = n.id`;

const W = {
  alertSettings: 'SELECT settings FROM alert_settings WHERE group_name = $1',
  listAlertSettings: 'SELECT group_name, settings FROM alert_settings ORDER BY group_name COLLATE "C"',
  setAlertSettings: `INSERT INTO alert_settings (group_name, settings) VALUES ($1, $2::jsonb)
    ON CONFLICT (group_name) DO UPDATE SET settings = EXCLUDED.settings`,
  stationPlaces: 'SELECT station_id, place FROM station_places',
  stationPlace: 'SELECT place FROM station_places WHERE station_id = $1',
  stationExists: 'SELECT 1 FROM stations WHERE id = $1 FOR UPDATE',
  setPlace: `INSERT INTO station_places (station_id, place) VALUES ($1, $2::jsonb)
    ON CONFLICT (station_id) DO UPDATE SET place = EXCLUDED.place`,
  clearPlace: 'DELETE FROM station_places WHERE station_id = $1',
  noticeExists: 'SELECT 1 FROM notices WHERE id = $1 FOR UPDATE',
  replaceNotice: 'UPDATE notices SET notice = $1::jsonb, onset = $2, expires = $3 WHERE id = $4',
  clearGroups: 'DELETE FROM notice_groups WHERE notice_id = $1',
  upsertScope: `INSERT INTO notice_scopes (notice_id, origin, origin_ref, area, approved_at, approved_by)
    VALUES ($1, $2, $3, $4::jsonb, $5, $6)
    ON CONFLICT (notice_id) DO UPDATE SET origin = EXCLUDED.origin, origin_ref = EXCLUDED.origin_ref,
      area = EXCLUDED.area`,
  insertMessage: `INSERT INTO cap_messages (sender, identifier, sent, msg_type, status, outcome, detail,
      notice_id, source, received_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
  message: 'SELECT * FROM cap_messages WHERE sender = $1 AND identifier = $2',
  listMessages: 'SELECT * FROM cap_messages ORDER BY received_at DESC, sent DESC LIMIT $1',
  liveNotices: `SELECT ${NOTICE_COLUMNS}
    WHERE n.onset <= $2 AND n.expires > $2 AND (n.cancelled_at IS NULL OR n.cancelled_at > $2)
      AND EXISTS (SELECT 1 FROM notice_groups g WHERE g.notice_id = n.id AND g.group_name IN ($1, '*'))
    ORDER BY n.onset DESC, n.id COLLATE "C"`,
  scopedNotice: `SELECT ${NOTICE_COLUMNS} WHERE n.id = $1`,
  listScoped: `SELECT ${NOTICE_COLUMNS} ORDER BY n.onset DESC, n.id COLLATE "C" LIMIT $1`,
  approve: `UPDATE notice_scopes SET approved_at = COALESCE(approved_at, $1), approved_by = COALESCE(approved_by, $2)
    WHERE notice_id = $3`,
  insertFeed: `INSERT INTO cap_feeds (id, name, url, interval_seconds, enabled, created_at, next_poll_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  feed: 'SELECT * FROM cap_feeds WHERE id = $1',
  listFeeds: 'SELECT * FROM cap_feeds ORDER BY name COLLATE "C", id COLLATE "C"',
  updateFeed: `UPDATE cap_feeds SET name = COALESCE($2, name), url = COALESCE($3, url),
      interval_seconds = COALESCE($4, interval_seconds), enabled = COALESCE($5, enabled)
    WHERE id = $1 RETURNING *`,
  deleteFeed: 'DELETE FROM cap_feeds WHERE id = $1',
  // SKIP LOCKED: another process claiming at the same moment takes the next feed, not this one.
  claimFeed: `UPDATE cap_feeds SET next_poll_at = $2
    WHERE id = (SELECT id FROM cap_feeds WHERE enabled AND next_poll_at <= $1
      ORDER BY next_poll_at, id COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING *`,
  pollSoon: 'UPDATE cap_feeds SET next_poll_at = $1 WHERE id = $2',
  recordPoll: `UPDATE cap_feeds SET last_polled_at = $2, last_ok_at = CASE WHEN $3 THEN $2 ELSE last_ok_at END,
      last_error = $4, etag = $5, last_modified = $6, failures = $7, next_poll_at = $8
    WHERE id = $1`,
  seen: 'SELECT entry_key FROM cap_feed_entries WHERE feed_id = $1 AND entry_key = ANY($2::text[])',
  remember: `INSERT INTO cap_feed_entries (feed_id, entry_key, seen_at)
    SELECT $1, k, $3 FROM unnest($2::text[]) AS k
    ON CONFLICT (feed_id, entry_key) DO UPDATE SET seen_at = EXCLUDED.seen_at`,
  forget: 'DELETE FROM cap_feed_entries WHERE feed_id = $1 AND seen_at < $2',
} as const;

/** Thrown inside a transaction to roll it back when its CAP message was already recorded. */
class Duplicate extends Error {}

/** The warning store on PostgreSQL (shares the store's pool). */
export function postgresWarningStore(db: PostgresDb): WarningStore {
  const { rows, one, changed, tx } = db;
  const insertMessages = async (c: pg.PoolClient, messages: readonly CapMessage[]): Promise<number> => {
    let n = 0;
    for (const m of messages) {
      const res = await c.query(W.insertMessage, [
        m.sender,
        m.identifier,
        m.sent,
        m.msgType,
        m.status,
        m.outcome,
        m.detail,
        m.noticeId,
        m.source,
        m.receivedAt,
      ]);
      n += res.rowCount ?? 0;
    }
    return n;
  };
  const claimMessages = async (c: pg.PoolClient, messages: readonly CapMessage[] | undefined) => {
    if (!messages || messages.length === 0) return true;
    const [first, ...rest] = messages;
    if (first && (await insertMessages(c, [first])) === 0) return false;
    await insertMessages(c, rest);
    return true;
  };
  const writeScope = async (c: pg.PoolClient, id: string, scope: NoticeScope | null) => {
    if (!scope) return;
    await c.query(W.upsertScope, [
      id,
      scope.origin,
      scope.originRef,
      scope.area ? JSON.stringify(scope.area) : null,
      scope.approvedAt,
      scope.approvedBy,
    ]);
  };

  return {
    async alertSettings(group) {
      const [row] = await one(W.alertSettings, [group]);
      return row ? fromJson<AlertSettings>(row.settings) : null;
    },
    async listAlertSettings() {
      return (await one(W.listAlertSettings)).map((r) => ({
        group: String(r.group_name),
        settings: fromJson<AlertSettings>(r.settings),
      }));
    },
    async setAlertSettings(group, settings) {
      await one(W.setAlertSettings, [group, JSON.stringify(settings)]);
    },
    async stationPlace(stationId) {
      const [row] = await one(W.stationPlace, [stationId]);
      return row ? fromJson<Place>(row.place) : null;
    },
    async stationPlaces() {
      return new Map(
        (await one(W.stationPlaces)).map((r) => [String(r.station_id), fromJson<Place>(r.place)]),
      );
    },
    async setStationPlace(stationId, place) {
      return tx(async (c) => {
        if ((await rows(c, W.stationExists, [stationId])).length === 0) return false;
        if (place) await c.query(W.setPlace, [stationId, JSON.stringify(place)]);
        else await c.query(W.clearPlace, [stationId]);
        return true;
      });
    },

    async saveNotice({ notice, groups, scope, replace, messages }) {
      return tx(async (c) => {
        const exists = (await rows(c, W.noticeExists, [notice.id])).length > 0;
        if (replace && !exists) return 'missing';
        const onset = new Date(notice.onset);
        const expires = new Date(notice.expires);
        if (replace) {
          await c.query(W.replaceNotice, [JSON.stringify(notice), onset, expires, notice.id]);
          if (groups.length > 0) await c.query(W.clearGroups, [notice.id]);
        } else {
          await c.query(PQ.insertNotice, [notice.id, JSON.stringify(notice), onset, expires]);
        }
        if (groups.length > 0) await c.query(PQ.insertNoticeGroups, [notice.id, [...new Set(groups)]]);
        await writeScope(c, notice.id, scope);
        // After the notice, which the messages refer to. A message another process recorded
        // meanwhile rolls all of this back.
        if (!(await claimMessages(c, messages))) throw new Duplicate();
        return 'saved' as const;
      }).catch((error: unknown) => {
        if (error instanceof Duplicate) return 'duplicate' as const;
        throw error;
      });
    },
    async cancelNotices(ids, at, messages) {
      return tx(async (c) => {
        if (!(await claimMessages(c, messages))) return 'duplicate' as const;
        for (const id of ids) await c.query(PQ.cancelNotice, [at, id]);
        return 'saved' as const;
      });
    },
    async recordCapMessages(messages) {
      return tx((c) => insertMessages(c, messages));
    },
    async capMessage(sender, identifier) {
      const [row] = await one(W.message, [sender, identifier]);
      return row ? toCapMessage(row) : null;
    },
    async listCapMessages(limit) {
      return (await one(W.listMessages, [limit])).map(toCapMessage);
    },

    async liveNotices(group, now) {
      return (await one(W.liveNotices, [group, now])).map(toScopedNotice);
    },
    async scopedNotice(id) {
      const [row] = await one(W.scopedNotice, [id]);
      return row ? toScopedNotice(row) : null;
    },
    async listScopedNotices(limit) {
      return (await one(W.listScoped, [limit])).map(toScopedNotice);
    },
    async approveNotice(id, adminId, at) {
      return (await changed(W.approve, [at, adminId, id])) > 0;
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
      await one(W.insertFeed, [
        feed.id,
        feed.name,
        feed.url,
        feed.intervalSeconds,
        feed.enabled,
        feed.createdAt,
        feed.nextPollAt,
      ]);
      return feed;
    },
    async getFeed(id) {
      const [row] = await one(W.feed, [id]);
      return row ? toCapFeed(row) : null;
    },
    async listFeeds() {
      return (await one(W.listFeeds)).map(toCapFeed);
    },
    async updateFeed(id, patch) {
      const [row] = await one(W.updateFeed, [
        id,
        patch.name ?? null,
        patch.url ?? null,
        patch.intervalSeconds ?? null,
        patch.enabled ?? null,
      ]);
      return row ? toCapFeed(row) : null;
    },
    async deleteFeed(id) {
      return (await changed(W.deleteFeed, [id])) > 0;
    },
    async claimDueFeed(now, leaseUntil) {
      const [row] = await one(W.claimFeed, [now, leaseUntil]);
      return row ? toCapFeed(row) : null;
    },
    async pollFeedSoon(id, now) {
      return (await changed(W.pollSoon, [now, id])) > 0;
    },
    async recordPoll(id, r) {
      await one(W.recordPoll, [id, r.at, r.ok, r.error, r.etag, r.lastModified, r.failures, r.nextPollAt]);
    },
    async seenEntries(feedId, keys) {
      if (keys.length === 0) return new Set();
      return new Set((await one(W.seen, [feedId, [...keys]])).map((r) => String(r.entry_key)));
    },
    async rememberEntries(feedId, keys, at) {
      if (keys.length > 0) await one(W.remember, [feedId, [...new Set(keys)], at]);
    },
    async forgetEntries(feedId, before) {
      return changed(W.forget, [feedId, before]);
    },
  };
}
