import { describe, expect, it } from 'vitest';
import type { GroupConfig, NewRelease } from '../store.ts';
import { at, expectCode, notice, type SuiteContext, unique } from './fixtures.ts';

let nextVersion = 2_025_060_100 + Math.floor(Math.random() * 1000) * 100;

/** A release with a version no other test uses (above 2^31, as date-like versions are). */
function release(note = 'test'): NewRelease {
  nextVersion += 1;
  const manifestJson = `{"version": ${nextVersion},\n  "files": ["科普/a.json"], "sig": "ab=="}\n`;
  return {
    version: nextVersion,
    manifestJson,
    createdAt: at(nextVersion % 1000),
    note,
    publishedGroups: ['*'],
  };
}

/** Releases per group, group settings and emergency notices. */
export function contentTests(ctx: SuiteContext): void {
  describe('releases', () => {
    // Runs first: no test before it activates a release for '*'.
    it('has no active release before any activation', async () => {
      expect(await ctx.store().activeRelease(unique('group'))).toBeNull();
      expect(await ctx.store().activeReleaseVersion(unique('group'))).toBeNull();
    });

    it('adds releases, keeps the manifest text exactly, refuses a duplicate version', async () => {
      const store = ctx.store();
      const r = release('first');
      expect(await store.addRelease(r)).toEqual({ ...r, activeGroups: [] });
      await expectCode(store.addRelease({ ...r, note: 'again' }), 'CONFLICT');
      const listed = (await store.listReleases()).find((x) => x.version === r.version);
      expect(listed).toEqual({ ...r, activeGroups: [] });
    });

    it('lists releases newest version first', async () => {
      const store = ctx.store();
      const [a, b, c] = [release(), release(), release()];
      await store.addRelease(b);
      await store.addRelease(c);
      await store.addRelease(a);
      const mine = (await store.listReleases()).filter((x) => [a, b, c].some((r) => r.version === x.version));
      expect(mine.map((x) => x.version)).toEqual([c.version, b.version, a.version]);
    });

    it("activates per group, moves groups between releases, falls back to '*'", async () => {
      const store = ctx.store();
      const [north, south, other] = [unique('north'), unique('south'), unique('other')];
      const [all, v1, v2] = [release('all'), release('v1'), release('v2')];
      for (const r of [all, v1, v2]) await store.addRelease(r);
      await store.activateRelease(all.version, ['*'], at(1));
      await store.activateRelease(v1.version, [north, south, north], at(2));
      expect((await store.activeRelease(north))?.version).toBe(v1.version);
      expect((await store.activeRelease(other))?.version).toBe(all.version);
      expect((await store.activeRelease('*'))?.version).toBe(all.version);

      await store.activateRelease(v2.version, [south], at(3));
      expect((await store.activeRelease(south))?.version).toBe(v2.version);
      const listed = new Map((await store.listReleases()).map((x) => [x.version, x.activeGroups]));
      expect(listed.get(v1.version)).toEqual([north]);
      expect(listed.get(v2.version)).toEqual([south]);
      expect(listed.get(all.version)).toEqual(['*']);
      expect(await store.activeRelease(south)).toEqual({ ...v2, activeGroups: [south] });
      // The poll's small query agrees with the full one, group by group.
      for (const group of [north, south, other, '*'])
        expect(await store.activeReleaseVersion(group)).toBe((await store.activeRelease(group))?.version);
      expect(await store.releaseByVersion(v2.version)).toEqual({ ...v2, activeGroups: [south] });
      expect(await store.releaseByVersion(v1.version)).toEqual({ ...v1, activeGroups: [north] });
      expect(await store.releaseByVersion(all.version + 1_000_000)).toBeNull();
    });

    it('remembers the groups a release was published for, whatever is active later', async () => {
      const store = ctx.store();
      const [north, south] = [unique('north'), unique('south')];
      const r = { ...release('groups'), publishedGroups: [north, south] };
      expect(await store.addRelease(r)).toEqual({ ...r, activeGroups: [] });
      await store.activateRelease(r.version, [north], at(1));
      const listed = (await store.listReleases()).find((x) => x.version === r.version);
      expect(listed).toMatchObject({ publishedGroups: [north, south], activeGroups: [north] });
      expect((await store.activeRelease(north))?.publishedGroups).toEqual([north, south]);
    });

    it('refuses to activate an unknown version', async () => {
      await expectCode(ctx.store().activateRelease(1, [unique('g')], at()), 'NOT_FOUND');
    });
  });

  describe('drafts', () => {
    it('saves, reads, deletes and prunes drafts', async () => {
      const store = ctx.store();
      const admin = await store.createAdmin({
        username: unique('drafter'),
        passwordHash: 'x',
        role: 'editor',
      });
      const old = { id: unique('d'), adminId: admin.id, createdAt: at(1), data: '{"files":["科普"]}' };
      const fresh = { id: unique('d'), adminId: null, createdAt: at(100), data: '{}' };
      await store.saveDraft(old);
      await store.saveDraft(fresh);
      await expectCode(store.saveDraft(old), 'CONFLICT');
      expect(await store.getDraft(old.id)).toEqual(old);
      expect(await store.getDraft(unique('d'))).toBeNull();
      expect(await store.pruneDrafts(at(50))).toBeGreaterThanOrEqual(1);
      expect(await store.getDraft(old.id)).toBeNull();
      expect(await store.getDraft(fresh.id)).toEqual(fresh);
      expect(await store.deleteDraft(fresh.id)).toBe(true);
      expect(await store.deleteDraft(fresh.id)).toBe(false);
    });
  });

  describe('group config', () => {
    it('stores and replaces a group config', async () => {
      const store = ctx.store();
      const group = unique('group');
      expect(await store.groupConfig(group)).toBeNull();
      const config: GroupConfig = {
        idleSeconds: 90,
        warningSeconds: 15,
        defaultLocale: 'vi',
        defaultTextSize: 'large',
        enabledTopics: ['health', 'farming'],
        featured: ['flu'],
      };
      await store.setGroupConfig(group, config);
      expect(await store.groupConfig(group)).toEqual(config);
      await store.setGroupConfig(group, { ...config, featured: [] });
      expect(await store.groupConfig(group)).toEqual({ ...config, featured: [] });
      const listed = (await store.listGroupConfigs()).filter((g) => g.group === group);
      expect(listed).toEqual([{ group, config: { ...config, featured: [] } }]);
    });
  });

  describe('notices', () => {
    it("shows a notice to its groups and to every group for '*', within its window", async () => {
      const store = ctx.store();
      const [group, other] = [unique('group'), unique('group')];
      const mine = notice(unique('n'), '2025-06-01T10:00:00Z', '2025-06-01T12:00:00Z');
      // Onset given with an offset: 09:30 in UTC.
      const everyone = notice(unique('n'), '2025-06-01T17:30:00+08:00', '2025-06-02T00:00:00Z');
      await store.addNotice(mine, [group]);
      await store.addNotice(everyone, ['*']);
      const ids = async (g: string, now: string) =>
        (await store.activeNotices(g, new Date(now)))
          .map((n) => n.id)
          .filter((id) => [mine.id, everyone.id].includes(id));
      expect(await ids(group, '2025-06-01T09:00:00Z')).toEqual([]);
      expect(await ids(group, '2025-06-01T09:30:00Z')).toEqual([everyone.id]);
      expect(await ids(group, '2025-06-01T10:00:00Z')).toEqual([mine.id, everyone.id]);
      expect(await ids(other, '2025-06-01T10:00:00Z')).toEqual([everyone.id]);
      expect(await ids(group, '2025-06-01T12:00:00Z')).toEqual([everyone.id]);
      const [shown] = (await store.activeNotices(group, new Date('2025-06-01T11:00:00Z'))).filter(
        (n) => n.id === mine.id,
      );
      expect(shown).toEqual(mine);
    });

    it('cancels a notice; unknown ids return false; ids are unique', async () => {
      const store = ctx.store();
      const group = unique('group');
      const n = notice(unique('n'), '2025-06-01T10:00:00Z', '2025-06-01T12:00:00Z');
      await store.addNotice(n, [group, unique('group')]);
      await expectCode(store.addNotice(n, [group]), 'CONFLICT');
      const now = new Date('2025-06-01T11:00:00Z');
      expect((await store.activeNotices(group, now)).map((x) => x.id)).toContain(n.id);
      expect(await store.cancelNotice(n.id, now)).toBe(true);
      expect((await store.activeNotices(group, now)).map((x) => x.id)).not.toContain(n.id);
      expect(await store.cancelNotice(unique('n'), now)).toBe(false);
    });

    it('lists notices whatever their state, newest onset first, with groups and cancellation', async () => {
      const store = ctx.store();
      const [g1, g2] = [unique('a-group'), unique('b-group')];
      // Far in the future, so these are the newest whatever other tests wrote.
      const first = notice(unique('n'), '2999-01-01T00:00:00Z', '2999-01-02T00:00:00Z');
      const second = notice(unique('n'), '2999-01-03T00:00:00Z', '2999-01-04T00:00:00Z');
      await store.addNotice(first, [g2, g1]);
      await store.addNotice(second, ['*']);
      await store.cancelNotice(first.id, at(5));
      expect(await store.listNotices(2)).toEqual([
        { notice: second, groups: ['*'], cancelledAt: null },
        { notice: first, groups: [g1, g2], cancelledAt: at(5) },
      ]);
    });
  });
}
