/**
 * Script-injection payloads in content sources: the compiler refuses every one that could become
 * markup, a link or an address (with the file and line), and the few that are only words are kept
 * as inert text that no renderer treats as HTML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileContent } from '../content-kit/compile.ts';
import type { Diagnostic } from '../content-kit/diagnostics.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from '../content-kit/test-library.ts';
import { type ArticleDoc, SourceSchema } from '../protocol/content-doc.ts';
import type { TutorialDoc } from '../protocol/tutorial-doc.ts';
import { renderArticlePage } from './public-article.ts';
import { renderTutorialPage } from './public-tutorial.ts';

const BOIL = 'articles/health/boil-water';
const EN = `content/${BOIL}/en.md`;

/** Markup payloads: raw HTML in any disguise. */
const MARKUP = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">tap</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<!-- --><script>alert(1)</script>',
  '<style>@import "//evil.example/x.css";</style>',
  '`<script>alert(1)</script>`',
];
/** Link payloads: anything but article:<id> must be refused. */
const LINKS = [
  '[tap](javascript:alert(1))',
  '[tap](JaVaScRiPt:alert(1))',
  '[tap]( javascript:alert(1) )',
  '[tap](java&#115;cript:alert(1))',
  '[tap](&#106;avascript:alert(1))',
  '[tap](javascript&colon;alert(1))',
  '[tap](%6A%61vascript:alert(1))',
  '[tap](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[tap](vbscript:msgbox(1))',
  '[tap](https://evil.example/)',
  '[tap](//evil.example/)',
  '<javascript:alert(1)>',
  '<https://evil.example/>',
  '[tap][ref]\n\n[ref]: javascript:alert(1)',
  '[tap](article:boil-water"onclick="alert(1))',
  '[tap](article:../../etc/passwd)',
  '[tap](article:javascript:alert(1))',
];
/** Image payloads: only a file in the article's folder may be an image. */
const IMAGES = [
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](https://evil.example/x.png)',
  '![x](../../../../../etc/passwd)',
  '![x](../flood-escape/cover.svg)',
  '![x](/etc/passwd)',
  '![x](file:///etc/passwd)',
  '![x" onerror="alert(1)](nope.png)',
];
/** Words that look like markup once an entity is decoded: kept as text, never markup. */
const ENCODED_TEXT = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '\\<script>alert(1)\\</script>',
];

let lib: TestLibrary;
beforeEach(async () => {
  lib = await createTestLibrary();
});
afterEach(() => removeTestLibrary(lib));

async function compile() {
  return compileContent('content', { rootDir: lib.root });
}
const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

/** Appends one paragraph per payload to en.md; returns the line each starts on. */
async function appendToEnglish(payloads: readonly string[]): Promise<number[]> {
  let text = await lib.read(`${BOIL}/en.md`);
  if (!text.endsWith('\n')) text += '\n';
  const lines: number[] = [];
  for (const p of payloads) {
    text += '\n';
    lines.push(text.split('\n').length);
    text += `${p}\n`;
  }
  await lib.write(`${BOIL}/en.md`, text);
  return lines;
}

async function replaceLine(rel: string, line: RegExp, to: string): Promise<void> {
  const text = await lib.read(rel);
  expect(text).toMatch(line);
  await lib.write(rel, text.replace(line, to));
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const x of value) strings(x, out);
  else if (value && typeof value === 'object') for (const x of Object.values(value)) strings(x, out);
  return out;
}

describe('payloads in an article body are refused with file and line', () => {
  for (const [name, payloads] of [
    ['raw HTML', MARKUP],
    ['links', LINKS],
    ['images', IMAGES],
  ] as const) {
    it(name, async () => {
      const lines = await appendToEnglish(payloads);
      const { diagnostics, files } = await compile();
      const errors = errorsOf(diagnostics);
      payloads.forEach((payload, i) => {
        const at = errors.filter((d) => d.file === EN && d.line === lines[i]);
        expect(at.length, `${payload} (line ${lines[i]}) is refused`).toBeGreaterThan(0);
      });
      // Nothing is written for an article with errors: no pack file holds a payload.
      for (const [path, { bytes }] of files) {
        if (!path.endsWith('.json')) continue;
        const text = new TextDecoder().decode(bytes);
        expect(text, path).not.toMatch(/javascript:|onerror|onload|<script/i);
      }
    });
  }
});

describe('payloads in front matter', () => {
  it.each([
    ['javascript:alert(1)'],
    ['JAVASCRIPT:alert(1)'],
    [' javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['//evil.example/'],
    ['httpx://evil.example/'],
  ])('a source url of %j is refused on its line', async (url) => {
    await lib.edit(
      `${BOIL}/en.md`,
      'url: https://www.who.int/news-room/fact-sheets/detail/drinking-water',
      `url: "${url}"`,
    );
    const errors = errorsOf((await compile()).diagnostics);
    expect(errors).toContainEqual(expect.objectContaining({ file: EN, line: 15, code: 'FIELD_INVALID' }));
  });

  it.each([
    ['../../../../etc/passwd'],
    ['/etc/passwd'],
    ['javascript:alert(1)'],
    ['data:image/svg+xml,<svg onload=alert(1)>'],
    ['../../emergency/flood-escape/cover.svg'],
  ])('a cover of %j is refused on its line', async (cover) => {
    await lib.edit(`${BOIL}/en.md`, 'cover: cover.svg', `cover: "${cover}"`);
    const errors = errorsOf((await compile()).diagnostics);
    expect(errors.some((d) => d.file === EN && d.line === 8)).toBe(true);
  });

  it('markup in a title, summary, alt text or source title is only text, escaped wherever it is shown', async () => {
    const payload = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
    const yaml = JSON.stringify(payload);
    await lib.edit(`${BOIL}/en.md`, 'title: Drink boiled water', `title: ${yaml}`);
    await replaceLine(
      `${BOIL}/en.md`,
      /^summary: .*$/m,
      `summary: ${JSON.stringify(`${payload} Boil water.`)}`,
    );
    await replaceLine(
      `${BOIL}/en.md`,
      /^coverAlt: .*$/m,
      `coverAlt: ${JSON.stringify(`${payload} A kettle`)}`,
    );
    // Sources are shared by every language of an article.
    for (const l of ['zh-CN', 'vi', 'en'])
      await lib.edit(`${BOIL}/${l}.md`, '  - title: Drinking-water', `  - title: ${yaml}`);
    await appendToEnglish(ENCODED_TEXT);
    const { diagnostics, files } = await compile();
    expect(errorsOf(diagnostics)).toEqual([]);
    const file = files.get('articles/boil-water.en.json');
    const doc = JSON.parse(new TextDecoder().decode(file?.bytes)) as ArticleDoc;
    // Stored verbatim as text: the title, the summary's start, the source's title.
    expect(doc.title).toBe(payload);
    expect(doc.sources[0]?.title).toBe(payload);
    expect(strings(doc).filter((s) => s.includes('<script>')).length).toBeGreaterThanOrEqual(3);
    // Entities and escapes in the body decode to words, not tags.
    expect(strings(doc)).toContain('<img src=x onerror=alert(1)>');

    // The one HTML renderer (the hub's public page) escapes every one of them.
    const html = renderArticlePage(doc, (p) => `/api/v1/blobs/${p}`);
    expectInert(html);
  });
});

describe('payloads in quiz and lesson YAML', () => {
  it('a quiz source url of javascript: is refused on its line', async () => {
    await lib.edit(
      'quizzes/health.yaml',
      'url: https://www.who.int/news-room/fact-sheets/detail/drinking-water',
      'url: "javascript:alert(1)"',
    );
    const errors = errorsOf((await compile()).diagnostics);
    expect(errors).toContainEqual(expect.objectContaining({ file: 'content/quizzes/health.yaml', line: 12 }));
  });

  it('a lesson source url of data: is refused on its line', async () => {
    await lib.edit(
      'tutorials/call-family.yaml',
      'url: https://www.miit.gov.cn/',
      'url: "data:text/html,<script>alert(1)</script>"',
    );
    const errors = errorsOf((await compile()).diagnostics);
    expect(errors.some((d) => d.file === 'content/tutorials/call-family.yaml' && d.line === 14)).toBe(true);
  });

  it('markup in question, option, explanation and lesson words is only text, escaped where it is shown', async () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    await lib.edit(
      'quizzes/health.yaml',
      'en: What is the safest way to drink well water?',
      `en: ${JSON.stringify(payload)}`,
    );
    await lib.edit('quizzes/health.yaml', 'en: Boil it first', `en: ${JSON.stringify(payload)}`);
    await lib.edit(
      'quizzes/health.yaml',
      'en: Clear water can still carry germs; boiling kills them.',
      `en: ${JSON.stringify(payload)}`,
    );
    await lib.edit('tutorials/call-family.yaml', 'en: Call your family}', `en: ${JSON.stringify(payload)}}`);
    await lib.edit(
      'tutorials/call-family.yaml',
      'en: Open the phone, enter the number, call.',
      `en: ${JSON.stringify(payload)}`,
    );
    const { diagnostics, files } = await compile();
    expect(errorsOf(diagnostics)).toEqual([]);
    const quiz = new TextDecoder().decode(files.get('quizzes/health.json')?.bytes);
    expect(quiz.split(JSON.stringify(payload).slice(1, -1)).length - 1).toBe(3);
    const tutorial = JSON.parse(
      new TextDecoder().decode(files.get('tutorials/call-family.json')?.bytes),
    ) as TutorialDoc;
    expect(strings(tutorial).filter((s) => s === payload).length).toBe(2);
    expectInert(renderTutorialPage(tutorial, 'en'));
  });
});

describe('no renderer treats a compiled field as HTML', () => {
  it('the kiosk and the console never parse strings as HTML: everything goes through text nodes', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const sinks =
      /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write|createContextualFragment|DOMParser|srcdoc/;
    const offenders: string[] = [];
    let checked = 0;
    for (const dir of ['kiosk', 'admin', 'sw']) {
      for (const f of readdirSync(join(root, dir), { recursive: true }) as string[]) {
        if (!/\.tsx?$/.test(f) || /\.test\.tsx?$/.test(f)) continue;
        checked += 1;
        const text = readFileSync(join(root, dir, f), 'utf8');
        if (sinks.test(text)) offenders.push(`${dir}/${f}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });

  it('the pack schema takes only http(s) source addresses, so a signed pack cannot carry one either', () => {
    const source = { title: 't', publisher: 'p', year: 2024 };
    for (const url of ['javascript:alert(1)', 'httpx:alert(1)', 'data:text/html,x', 'http-evil:x']) {
      expect(v.safeParse(SourceSchema, { ...source, url }).success, url).toBe(false);
    }
    expect(v.safeParse(SourceSchema, { ...source, url: 'https://www.who.int/' }).success).toBe(true);
  });
});

/** HTML with no element, attribute or address that the payloads tried to introduce. */
function expectInert(html: string): void {
  // No element the payloads bring, and no event handler inside any real tag (escaped text may say "onerror=").
  expect(html).not.toMatch(/<(script|img src=x|svg onload|iframe)/i);
  // Quoted attribute values are escaped text (no raw quote survives escaping): drop them, then look.
  expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[^>]*\son[a-z]+=/i);
  for (const [, url] of html.matchAll(/(?:href|src)="([^"]*)"/g)) {
    expect(url, 'every address is ours or a web address').toMatch(/^(\/|https?:\/\/|\?lang=)/);
  }
  // The payload is there, as escaped text.
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}
