import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../protocol/locales.ts';
import { en } from './en.ts';
import { formatDate, formatNumber, translate } from './index.ts';
import { vi } from './vi.ts';
import { zhCN } from './zh-CN.ts';

describe('dictionaries', () => {
  it('have the same keys in every language and no empty text', () => {
    const keys = Object.keys(zhCN).sort();
    for (const dict of [vi, en]) {
      expect(Object.keys(dict).sort()).toEqual(keys);
      for (const text of Object.values(dict)) expect(text.trim()).not.toBe('');
    }
  });

  it('keep every placeholder of the reference text', () => {
    for (const [key, text] of Object.entries(zhCN)) {
      const wanted = (text.match(/\{\w+\}/g) ?? []).sort();
      for (const dict of [vi, en]) {
        const got = (dict[key as keyof typeof zhCN].match(/\{\w+\}/g) ?? []).sort();
        expect(got, key).toEqual(wanted);
      }
    }
  });
});

describe('translate', () => {
  it('fills placeholders with locale-formatted numbers', () => {
    expect(translate('en', 'idle.body', { seconds: 1500 })).toContain('1,500 seconds');
    expect(translate('vi', 'idle.body', { seconds: 1500 })).toContain('1.500 giây');
    expect(translate('zh-CN', 'idle.body', { seconds: 30 })).toMatch(/^30 秒后/);
  });
});

describe('formatters', () => {
  const day = new Date(Date.UTC(2026, 10, 28, 4, 0));
  it('write dates per locale', () => {
    expect(formatDate('zh-CN', day, 'Asia/Shanghai')).toBe('2026年11月28日星期六');
    expect(formatDate('en', day, 'Asia/Shanghai')).toBe('Saturday, November 28, 2026');
    expect(formatDate('vi', day, 'Asia/Shanghai')).toContain('28');
  });
  it('write numbers per locale', () => {
    expect(LOCALES.map((l) => formatNumber(l, 12345.5))).toEqual(['12,345.5', '12.345,5', '12,345.5']);
  });
});
