import { describe, expect, it } from 'vitest';
import type { CapMessage, NoticeScope } from '../warning-store.ts';
import { addStation, at, hash, notice, type SuiteContext, unique } from './fixtures.ts';

const message = (over: Partial<CapMessage> = {}): CapMessage => ({
  sender: 'met@example.gov.cn',
  identifier: unique('cap'),
  sent: at(0),
  msgType: 'Alert',
  status: 'Actual',
  outcome: 'created',
  detail: '',
  noticeId: null,
  source: 'upload:x',
  receivedAt: at(1),
  ...over,
});
const scope = (over: Partial<NoticeScope> = {}): NoticeScope => ({
  origin: 'cap',
  originRef: 'upload',
  area: [
    { areaDesc: '河口镇', polygons: [], circles: [{ lat: 22.5, lon: 103.9, radiusKm: 5 }], geocodes: [] },
  ],
  approvedAt: null,
  approvedBy: null,
  ...over,
});
const ISO = (minutes: number) => at(minutes).toISOString();

/** Places, alert policy, scoped notices with their CAP messages, feeds, partner keys. */
export function warningTests(ctx: SuiteContext): void {
  describe('warnings', () => {
    it('keeps alert settings per group and places per station', async () => {
      const store = ctx.store();
      const group = unique('g');
      expect(await store.warnings.alertSettings(group)).toBeNull();
      const settings = {
        policy: 'extreme' as const,
        chime: false,
        testGroup: true,
        place: { town: '南溪镇', lat: 22.63, lon: 103.95, geocode: '532532102' },
      };
      await store.warnings.setAlertSettings(group, settings);
      await store.warnings.setAlertSettings(group, { ...settings, chime: true });
      expect(await store.warnings.alertSettings(group)).toEqual({ ...settings, chime: true });
      expect((await store.warnings.listAlertSettings()).find((s) => s.group === group)?.settings.chime).toBe(
        true,
      );

      const station = await addStation(store);
      expect(await store.warnings.setStationPlace(station.id, { lat: 22.5, lon: 103.94 })).toBe(true);
      expect((await store.warnings.stationPlaces()).get(station.id)).toEqual({ lat: 22.5, lon: 103.94 });
      expect(await store.warnings.stationPlace(station.id)).toEqual({ lat: 22.5, lon: 103.94 });
      expect(await store.warnings.setStationPlace(station.id, null)).toBe(true);
      expect((await store.warnings.stationPlaces()).has(station.id)).toBe(false);
      expect(await store.warnings.setStationPlace(unique('nobody'), { town: 'x' })).toBe(false);
    });

    it('saves a scoped notice with its CAP message once, replaces it, approves and cancels it', async () => {
      const store = ctx.store();
      const group = unique('g');
      const n = { ...notice(unique('c'), ISO(0), ISO(120)), status: 'actual' as const };
      const first = message({ noticeId: n.id });
      expect(
        await store.warnings.saveNotice({
          notice: n,
          groups: ['*'],
          scope: scope(),
          replace: false,
          messages: [first],
        }),
      ).toBe('saved');
      // The same message again (another process, or the feed once more) writes nothing.
      const again = { ...n, id: unique('c') };
      expect(
        await store.warnings.saveNotice({
          notice: again,
          groups: ['*'],
          scope: scope(),
          replace: false,
          messages: [first],
        }),
      ).toBe('duplicate');
      expect(await store.warnings.scopedNotice(again.id)).toBeNull();
      expect(await store.warnings.capMessage(first.sender, first.identifier)).toEqual(first);

      const live = (await store.warnings.liveNotices(group, at(30))).find((x) => x.notice.id === n.id);
      expect(live).toEqual({ notice: n, groups: ['*'], cancelledAt: null, scope: scope() });
      expect((await store.warnings.liveNotices(group, at(121))).some((x) => x.notice.id === n.id)).toBe(
        false,
      );

      expect(await store.warnings.approveNotice(n.id, 'editor-1', at(5))).toBe(true);
      // An update keeps the approval and the groups; its later expiry counts.
      const revised = { ...n, severity: 'extreme' as const, revision: 2, expires: ISO(240) };
      const update = message({ msgType: 'Update', outcome: 'updated', noticeId: n.id });
      const tombstone = message({ identifier: unique('older'), outcome: 'superseded', noticeId: n.id });
      expect(
        await store.warnings.saveNotice({
          notice: revised,
          groups: [],
          scope: scope({ area: null }),
          replace: true,
          messages: [update, tombstone],
        }),
      ).toBe('saved');
      const after = await store.warnings.scopedNotice(n.id);
      expect(after).toMatchObject({
        notice: revised,
        groups: ['*'],
        scope: { area: null, approvedBy: 'editor-1' },
      });
      expect(after?.scope?.approvedAt).toEqual(at(5));
      expect((await store.warnings.liveNotices(group, at(200))).some((x) => x.notice.id === n.id)).toBe(true);
      expect(await store.warnings.capMessage(tombstone.sender, tombstone.identifier)).toMatchObject({
        outcome: 'superseded',
      });
      expect(
        await store.warnings.saveNotice({
          notice: { ...n, id: unique('none') },
          groups: [],
          scope: null,
          replace: true,
        }),
      ).toBe('missing');

      const cancel = message({ msgType: 'Cancel', outcome: 'cancelled', noticeId: n.id });
      expect(await store.warnings.cancelNotices([n.id], at(60), [cancel])).toBe('saved');
      expect(await store.warnings.cancelNotices([n.id], at(61), [cancel])).toBe('duplicate');
      expect((await store.warnings.scopedNotice(n.id))?.cancelledAt).toEqual(at(60));
      expect((await store.warnings.liveNotices(group, at(70))).some((x) => x.notice.id === n.id)).toBe(false);
      const listed = await store.warnings.listScopedNotices(500);
      expect(listed.find((x) => x.notice.id === n.id)?.scope?.origin).toBe('cap');
      const recent = await store.warnings.listCapMessages(500);
      expect(recent.map((m) => m.identifier)).toEqual(
        expect.arrayContaining([first.identifier, cancel.identifier]),
      );
    });

    it('shows a console notice (no scope) to its groups with a null scope, and records refusals once', async () => {
      const store = ctx.store();
      const group = unique('g');
      const n = notice(unique('n'), ISO(0), ISO(60));
      await store.warnings.saveNotice({ notice: n, groups: [group], scope: null, replace: false });
      expect(
        (await store.warnings.liveNotices(group, at(1))).find((x) => x.notice.id === n.id)?.scope,
      ).toBeNull();
      expect(
        (await store.warnings.liveNotices(unique('other'), at(1))).some((x) => x.notice.id === n.id),
      ).toBe(false);
      const refused = message({ outcome: 'refused', detail: 'status: "Real" is not one of …' });
      expect(await store.warnings.recordCapMessages([refused])).toBe(1);
      expect(await store.warnings.recordCapMessages([refused])).toBe(0);
    });

    it('polls each due feed once across processes, records results and remembers entries', async () => {
      const store = ctx.store();
      const other = await ctx.open();
      try {
        const long = new Date('2001-01-01T00:00:00Z');
        const a = await store.warnings.addFeed({
          name: unique('feed'),
          url: `http://127.0.0.1:9/${unique('a')}`,
          intervalSeconds: 120,
          enabled: true,
        });
        const b = await store.warnings.addFeed({
          name: unique('feed'),
          url: `http://127.0.0.1:9/${unique('b')}`,
          intervalSeconds: 120,
          enabled: true,
        });
        const poll = { ok: true, error: null, etag: null, lastModified: null, failures: 0 };
        await store.warnings.recordPoll(a.id, {
          ...poll,
          at: long,
          nextPollAt: new Date(long.getTime() - 2000),
        });
        await store.warnings.recordPoll(b.id, {
          ...poll,
          at: long,
          nextPollAt: new Date(long.getTime() - 1000),
        });
        const lease = new Date(long.getTime() + 60_000);
        const claims = await Promise.all([
          store.warnings.claimDueFeed(long, lease),
          other.warnings.claimDueFeed(long, lease),
          store.warnings.claimDueFeed(long, lease),
        ]);
        expect(claims.map((c) => c?.id ?? null).sort()).toEqual([a.id, b.id, null].sort());

        await store.warnings.recordPoll(a.id, {
          at: long,
          ok: false,
          error: 'FEED_HTTP: 503',
          etag: '"v1"',
          lastModified: 'Mon, 01 Jan 2001 00:00:00 GMT',
          failures: 2,
          nextPollAt: lease,
        });
        expect(await store.warnings.getFeed(a.id)).toMatchObject({
          lastError: 'FEED_HTTP: 503',
          etag: '"v1"',
          failures: 2,
          lastPolledAt: long,
          lastOkAt: long,
        });
        expect(await store.warnings.updateFeed(a.id, { enabled: false, intervalSeconds: 300 })).toMatchObject(
          {
            enabled: false,
            intervalSeconds: 300,
            name: a.name,
          },
        );
        expect(await store.warnings.pollFeedSoon(b.id, long)).toBe(true);
        expect((await store.warnings.claimDueFeed(long, lease))?.id).toBe(b.id);

        await store.warnings.rememberEntries(b.id, ['x|1', 'y|1', 'x|1'], long);
        expect(await store.warnings.seenEntries(b.id, ['x|1', 'z|1'])).toEqual(new Set(['x|1']));
        expect(await store.warnings.forgetEntries(b.id, new Date(long.getTime() + 1))).toBe(2);
        expect(await store.warnings.seenEntries(b.id, ['x|1'])).toEqual(new Set());
        expect(await store.warnings.deleteFeed(a.id)).toBe(true);
        expect(await store.warnings.getFeed(a.id)).toBeNull();
        expect((await store.warnings.listFeeds()).some((f) => f.id === b.id)).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('keeps partner keys by hash only, revokes them and records their last use', async () => {
      const store = ctx.store();
      const secret = hash();
      const key = await store.partners.createKey({
        name: unique('broadcast'),
        hash: secret,
        prefix: 'kpk_abcd',
        groups: ['hekou', 'nanxi'],
        scopes: ['notices'],
        createdBy: null,
        createdAt: at(0),
      });
      expect(key).not.toHaveProperty('hash');
      expect(await store.partners.keyByHash(secret)).toEqual(key);
      expect(await store.partners.keyByHash(hash())).toBeNull();
      await store.partners.touchKey(key.id, at(10));
      await store.partners.touchKey(key.id, at(10.5));
      expect((await store.partners.keyByHash(secret))?.lastUsedAt).toEqual(at(10));
      expect(await store.partners.revokeKey(key.id, at(20))).toBe(true);
      expect((await store.partners.listKeys()).find((k) => k.id === key.id)?.revokedAt).toEqual(at(20));
    });
  });
}
