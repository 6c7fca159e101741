import { describe, expect, it } from 'vitest';
import type { Metric } from '../../protocol/usage.ts';
import { bufferedUsage, lazyContent } from './lazy.ts';

describe('bufferedUsage', () => {
  it('holds counts until attached, then forwards them in order', async () => {
    const seen: Array<[Metric, string]> = [];
    let flushed = 0;
    const usage = bufferedUsage();
    usage.count('language', 'vi');
    usage.count('large_text', 'on');
    await usage.flush();
    usage.attach({
      count: (m, k) => seen.push([m, k]),
      flush: async () => {
        flushed++;
      },
    });
    usage.count('idle_reset', '-');
    await usage.flush();
    expect(seen).toEqual([
      ['language', 'vi'],
      ['large_text', 'on'],
      ['idle_reset', '-'],
    ]);
    expect(flushed).toBe(1);
  });
});

describe('lazyContent', () => {
  it('loads once, and again after a failed load', async () => {
    let loads = 0;
    const content = lazyContent(async () => {
      loads++;
      if (loads === 1) throw new Error('chunk failed');
      return {
        catalog: async () => ({ articles: [] }),
        article: async () => {
          throw new Error('none');
        },
        tutorials: async () => ({ tutorials: [] }),
        tutorial: async () => {
          throw new Error('none');
        },
        quiz: async (topic) => ({ topic, questions: [] }),
        packVersion: async () => 7,
        url: async (p) => `blob:${p}`,
        invalidate: () => {},
      };
    });
    await expect(content.packVersion()).rejects.toThrow('chunk failed');
    expect(await content.packVersion()).toBe(7);
    expect(await content.url('x')).toBe('blob:x');
    expect(await content.tutorials()).toEqual({ tutorials: [] });
    expect(await content.quiz('youth')).toEqual({ topic: 'youth', questions: [] });
    expect(loads).toBe(2);
  });
});
