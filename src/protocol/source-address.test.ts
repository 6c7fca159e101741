import { describe, expect, it } from 'vitest';
import { sourceAddressProblem } from './source-address.ts';

const code = (address: string) => sourceAddressProblem(address)?.code ?? null;

describe('sourceAddressProblem', () => {
  it('refuses a site root, an index file and a language landing page', () => {
    for (const home of [
      'https://www.nhc.gov.cn',
      'https://www.nhc.gov.cn/',
      'http://www.mps.gov.cn/index.html',
      'https://www.moa.gov.cn/index.shtml',
      'https://www.who.int/zh/',
      'https://www.who.int/en/?lang=en',
      'https://www.cma.gov.cn/#top',
      'https://www.mem.gov.cn/home/',
    ]) {
      expect(code(home), home).toBe('SOURCE_URL_HOME_PAGE');
    }
  });

  it('accepts the address of a document', () => {
    for (const doc of [
      'https://www.who.int/news-room/fact-sheets/detail/drowning',
      'https://www.nhc.gov.cn/jkj/s5899tg/201911/abc.shtml',
      'https://www.gov.cn/zhengce/content/2021-06/25/content_5620813.htm',
      'https://example.org/zh/report.pdf',
      'https://www.mem.gov.cn/kp/index',
    ]) {
      expect(code(doc), doc).toBeNull();
    }
  });

  it('refuses what is not a web address, with a reason', () => {
    expect(code('not a url')).toBe('SOURCE_URL_INVALID');
    expect(code('ftp://example.org/doc.pdf')).toBe('SOURCE_URL_SCHEME');
    expect(code('javascript:alert(1)')).toBe('SOURCE_URL_SCHEME');
    expect(sourceAddressProblem('https://www.mps.gov.cn/')?.reason).toContain('www.mps.gov.cn');
  });
});
