import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TutorialDoc } from '../protocol/tutorial-doc.ts';
import { renderTutorialPage } from './public-tutorial.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ publish: true });
});
afterAll(() => hub.close());

describe('GET /a/tutorial/<id>', () => {
  it('renders the steps of a lesson in the asked language under a strict CSP, without script', async () => {
    const res = await fetch(`${hub.url}/a/tutorial/call-family?lang=vi`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<title>Gọi điện cho người thân</title>');
    expect(html).not.toContain('<script');
    const steps = html.match(/<ol class="steps">([\s\S]*?)<\/ol>/)?.[1] ?? '';
    expect(steps.match(/<li>/g)).toHaveLength(5);
    expect(steps).toContain('<li>Bấm 1, 1, 0.</li>');
    expect(html).toContain('<a href="/a/tutorial/call-family?lang=en" hreflang="en" lang="en">English</a>');
    expect(html).toContain('<a href="https://www.miit.gov.cn/" rel="noopener">');
  });

  it('falls back to Chinese for an unknown language', async () => {
    const html = await (await fetch(`${hub.url}/a/tutorial/call-family?lang=fr`)).text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<li>点「电话」。</li>');
  });

  it('answers 404 for an unknown lesson or a malformed id', async () => {
    expect((await fetch(`${hub.url}/a/tutorial/no-such-lesson`)).status).toBe(404);
    expect((await fetch(`${hub.url}/a/tutorial/..%2Fcatalog`)).status).toBe(404);
    expect((await fetch(`${hub.url}/a/tutorial/Call_Family`)).status).toBe(404);
  });
});

describe('renderTutorialPage', () => {
  it('escapes every text from the content', () => {
    const t = (s: string) => ({ 'zh-CN': s, vi: s, en: s });
    const doc = {
      id: 'x',
      icon: 'phone',
      title: t('<b>title</b>'),
      summary: t('a & b'),
      reviewed: '2026-11-28',
      sources: [{ title: '"quoted"', publisher: '<p>', year: 2021, url: 'https://example.org/?a=1&b=2' }],
      screens: {},
      steps: [
        { screen: 'a', target: 'b', action: 'tap', narration: t('<script>alert(1)</script>'), next: 'a' },
      ],
    } as unknown as TutorialDoc;
    const html = renderTutorialPage(doc, 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(html).toContain('<h1>&lt;b&gt;title&lt;/b&gt;</h1>');
    expect(html).toContain('href="https://example.org/?a=1&amp;b=2"');
  });
});
