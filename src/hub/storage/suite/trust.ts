import { describe, expect, it } from 'vitest';
import { at, expectCode, type SuiteContext, unique } from './fixtures.ts';

/** The root chain and the per-group timestamps. */
export function trustTests(ctx: SuiteContext): void {
  describe('trust metadata', () => {
    it('keeps roots in version order, text exactly, and refuses a second root of a version', async () => {
      const store = ctx.store();
      const before = (await store.trust.listRoots()).length;
      const v = before + 1;
      const text = `{"signed": {"version": ${v}, "holder": "张三"},\n "signatures": []}\n`;
      await store.trust.addRoot({ version: v + 1, json: 'second', addedAt: at(2) });
      await store.trust.addRoot({ version: v, json: text, addedAt: at(1) });
      await expectCode(store.trust.addRoot({ version: v, json: 'other', addedAt: at(3) }), 'CONFLICT');
      const roots = (await store.trust.listRoots()).slice(before);
      expect(roots).toEqual([
        { version: v, json: text, addedAt: at(1) },
        { version: v + 1, json: 'second', addedAt: at(2) },
      ]);
      // Another hub process sees the same chain.
      const other = await ctx.open();
      expect((await other.trust.listRoots()).slice(before)).toEqual(roots);
      await other.close();
    });

    it('keeps the latest timestamp per group, versions unique across groups', async () => {
      const store = ctx.store();
      const [a, b] = [unique('group'), unique('group')];
      const base = (await store.trust.maxTimestampVersion()) + 1;
      const ts = (version: number, group: string) => ({
        version,
        group,
        json: `{"v":${version}}`,
        contentVersion: 1_764_000_000 + version,
        expiresAt: at(version - base + 60),
      });
      expect(await store.trust.latestTimestamp(a)).toBeNull();
      await store.trust.addTimestamp(ts(base, a));
      await store.trust.addTimestamp(ts(base + 1, b));
      await store.trust.addTimestamp(ts(base + 2, a));
      await expectCode(store.trust.addTimestamp(ts(base + 2, b)), 'CONFLICT');
      expect(await store.trust.latestTimestamp(a)).toEqual(ts(base + 2, a));
      expect(await store.trust.latestTimestamp(b)).toEqual(ts(base + 1, b));
      expect(await store.trust.maxTimestampVersion()).toBe(base + 2);
    });
  });
}
