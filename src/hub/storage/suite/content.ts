import { describe, expect, it } from 'vitest';
import type { GroupConfig, NewRelease } from '../store.ts';
import { at, expectCode, notice, type SuiteContext, unique } from './fixtures.ts';

let nextVersion = 2_025_060_100 + Math.floor(Math.random() * 1000) * 100;

/** A release with a version no other test uses (above 2^31, as date-like versions are). */
function release(note = 'test'): NewRelease {
  nextVersion += 1;
  const manifestJson = `{"version": ${nextVersion},\n  "files": ["科普/a.json"], "sig": "ab=="}\n`;
  return { version: nextVersion, manifestJson, createdAt: at(nextVersion % 1000), note };
}

/** Releases per group, group settings and emergency notices. */
export function contentTests(ctx: SuiteContext): void {
  describe('releases', () => {
    // Runs first: no test before it activates a release for '*'.
    it('has no active release before any activation', async () => {
      expect(await ctx.store().activeRelease(unique('group'))).toBeNull();
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
    });

    it('refuses to activate an unknown version', async () => {
      await expectCode(ctx.store().activateRelease(1, [unique('g')], at()), 'NOT_FOUND');
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
  });
}
