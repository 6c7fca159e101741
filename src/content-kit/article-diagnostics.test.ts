import { cp, mkdir, truncate, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileContent } from './compile.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from './test-library.ts';

const BOIL = 'articles/health/boil-water';
const FILE = `content/${BOIL}`;
const LANGS = ['zh-CN', 'vi', 'en'] as const;

let lib: TestLibrary;
beforeEach(async () => {
  lib = await createTestLibrary();
});
afterEach(() => removeTestLibrary(lib));

/** Every error of the library, formatted. */
async function errors(): Promise<string[]> {
  const { diagnostics } = await compileContent('content', { rootDir: lib.root });
  return diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}
/** The same edit in all three language files of boil-water. */
async function editAll(from: string, to: string): Promise<void> {
  for (const l of LANGS) await lib.edit(`${BOIL}/${l}.md`, from, to);
}

describe('front matter diagnostics', () => {
  it('FRONTMATTER_MISSING', async () => {
    await lib.edit(`${BOIL}/en.md`, '---\n', '');
    expect(await errors()).toEqual([
      `${FILE}/en.md:1: error FRONTMATTER_MISSING: front matter missing: the file must start with a --- line`,
    ]);
  });

  it('YAML_SYNTAX', async () => {
    await lib.edit(`${BOIL}/vi.md`, 'tags: [water, hygiene]', 'tags: [water, hygiene');
    expect(await errors()).toEqual([
      `${FILE}/vi.md:6: error YAML_SYNTAX: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });

  it('FIELD_INVALID for a bad value, a bad nested value, an unknown field and a missing field', async () => {
    await lib.edit(`${BOIL}/vi.md`, 'audience: all', 'audience: everyone');
    await lib.edit(`${BOIL}/en.md`, 'reviewed: 2026-11-01\n', '');
    await lib.edit(`${BOIL}/en.md`, 'year: 2023', 'year: last year');
    await lib.edit(`${BOIL}/zh-CN.md`, 'title:', 'author: 王医生\ntitle:');
    expect(await errors()).toEqual([
      `${FILE}/en.md:1: error FIELD_INVALID: missing required field reviewed`,
      `${FILE}/en.md:13: error FIELD_INVALID: sources[0].year: must be a year like 2024`,
      `${FILE}/vi.md:4: error FIELD_INVALID: audience: must be one of all, seniors, youth, farmers, workers, officials`,
      `${FILE}/zh-CN.md:6: error FIELD_INVALID: unknown field author`,
    ]);
  });

  it('UNKNOWN_TOPIC', async () => {
    await editAll('topic: health', 'topic: sport');
    const msg =
      'UNKNOWN_TOPIC: topic "sport" is not one of health, emergency, farming, digital, rumors, youth';
    expect(await errors()).toEqual(LANGS.map((l) => `${FILE}/${l}.md:3: error ${msg}`).sort());
  });

  it('TOPIC_FOLDER_MISMATCH', async () => {
    await editAll('topic: health', 'topic: farming');
    const msg = 'TOPIC_FOLDER_MISMATCH: topic "farming" does not match the folder articles/health';
    expect(await errors()).toEqual(LANGS.map((l) => `${FILE}/${l}.md:3: error ${msg}`).sort());
  });

  it('ID_FOLDER_MISMATCH', async () => {
    await editAll('id: boil-water', 'id: boiled-water');
    const msg = 'ID_FOLDER_MISMATCH: id "boiled-water" does not match the folder name "boil-water"';
    expect(await errors()).toEqual(LANGS.map((l) => `${FILE}/${l}.md:2: error ${msg}`).sort());
  });

  it('DUPLICATE_ID across topic folders', async () => {
    await cp(lib.path('articles/emergency/flood-escape'), lib.path('articles/health/flood-escape'), {
      recursive: true,
    });
    for (const l of LANGS)
      await lib.edit(`articles/health/flood-escape/${l}.md`, 'topic: emergency', 'topic: health');
    expect(await errors()).toEqual([
      'content/articles/health/flood-escape/zh-CN.md:2: error DUPLICATE_ID: article id flood-escape is already used by content/articles/emergency/flood-escape',
    ]);
  });

  it('MISSING_TRANSLATION', async () => {
    await lib.remove(`${BOIL}/vi.md`);
    expect(await errors()).toEqual([
      `${FILE}/zh-CN.md:1: error MISSING_TRANSLATION: missing vi.md: every article needs zh-CN.md, vi.md and en.md`,
    ]);
  });

  it('SHARED_FIELD_MISMATCH', async () => {
    await lib.edit(`${BOIL}/vi.md`, 'reviewed: 2026-11-01', 'reviewed: 2026-10-01');
    await lib.edit(`${BOIL}/en.md`, 'tags: [water, hygiene]', 'tags: [water]');
    expect(await errors()).toEqual([
      `${FILE}/en.md:5: error SHARED_FIELD_MISMATCH: tags differs from zh-CN.md: it must be the same in every language`,
      `${FILE}/vi.md:10: error SHARED_FIELD_MISMATCH: reviewed differs from zh-CN.md: it must be the same in every language`,
    ]);
  });
});

describe('picture diagnostics', () => {
  it('IMAGE_NOT_FOUND for a body picture and a cover', async () => {
    await lib.edit(`${BOIL}/en.md`, '(boiling.png)', '(boiled.png)');
    await editAll('cover: cover.svg', 'cover: kettle.svg');
    expect(await errors()).toEqual([
      `${FILE}/en.md:26: error IMAGE_NOT_FOUND: picture boiled.png not found in ${FILE}`,
      `${FILE}/zh-CN.md:8: error IMAGE_NOT_FOUND: picture kettle.svg not found in ${FILE}`,
    ]);
  });

  it('IMAGE_NOT_FOUND for a path outside the article folder', async () => {
    await lib.edit(`${BOIL}/vi.md`, '(boiling.png)', '(../flood-escape/cover.svg)');
    expect(await errors()).toEqual([
      `${FILE}/vi.md:26: error IMAGE_NOT_FOUND: picture ../flood-escape/cover.svg must be a file in the same folder`,
    ]);
  });

  it('IMAGE_ALT_MISSING for a body picture and for a cover without coverAlt', async () => {
    await lib.edit(`${BOIL}/en.md`, '![A pot of water boiling on a stove]', '![ ]');
    await lib.edit(`${BOIL}/vi.md`, 'coverAlt: Một ấm nước sôi bốc hơi trên bếp\n', '');
    await lib.edit(`${BOIL}/zh-CN.md`, 'coverAlt: 一壶水在炉子上烧开，冒着热气', 'coverAlt: ""');
    expect(await errors()).toEqual([
      `${FILE}/en.md:26: error IMAGE_ALT_MISSING: picture boiling.png needs alt text: ![what it shows](boiling.png)`,
      `${FILE}/vi.md:1: error IMAGE_ALT_MISSING: the cover needs coverAlt text`,
      `${FILE}/zh-CN.md:9: error IMAGE_ALT_MISSING: the cover needs coverAlt text`,
    ]);
  });

  it('IMAGE_TOO_LARGE', async () => {
    await writeFile(lib.path(`${BOIL}/boiling.png`), '');
    await truncate(lib.path(`${BOIL}/boiling.png`), 9 * 1024 * 1024);
    expect(await errors()).toEqual([
      `${FILE}/boiling.png:1: error IMAGE_TOO_LARGE: picture is 9.0 MB; the limit is 8 MB`,
    ]);
  });

  it('IMAGE_INVALID for an unreadable raster, an SVG without a size and a GIF', async () => {
    await lib.write(`${BOIL}/boiling.png`, 'not a png');
    await lib.write(`${BOIL}/cover.svg`, '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    await lib.edit(`${BOIL}/en.md`, '(boiling.png)', '(boiling.gif)');
    const found = await errors();
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(
      /^content\/articles\/health\/boil-water\/boiling.png:1: error IMAGE_INVALID: cannot read the picture: /,
    );
    expect(found.slice(1)).toEqual([
      `${FILE}/cover.svg:1: error IMAGE_INVALID: the <svg> element needs a viewBox`,
      `${FILE}/en.md:26: error IMAGE_INVALID: picture boiling.gif: use SVG, PNG or JPEG`,
    ]);
  });

  it('UNSAFE_SVG names each construct at its line', async () => {
    await lib.write(
      `${BOIL}/cover.svg`,
      [
        '<!DOCTYPE svg [ <!ENTITY x "y"> ]>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" onload="alert(1)">',
        '<script>alert(1)</script>',
        '<foreignObject width="10" height="10"></foreignObject>',
        '<a href="javascript:alert(1)"><rect width="5" height="5"/></a>',
        '<image href="https://example.com/x.png"/>',
        '<rect style="fill:url(https://example.com/p.svg#a)"/>',
        '</svg>',
      ].join('\n'),
    );
    expect(await errors()).toEqual([
      `${FILE}/cover.svg:1: error UNSAFE_SVG: <!ENTITY declaration is not allowed`,
      `${FILE}/cover.svg:2: error UNSAFE_SVG: event handler attribute onload is not allowed`,
      `${FILE}/cover.svg:3: error UNSAFE_SVG: <script> element is not allowed`,
      `${FILE}/cover.svg:4: error UNSAFE_SVG: <foreignObject> element is not allowed`,
      `${FILE}/cover.svg:5: error UNSAFE_SVG: reference href="javascript:alert(1)" is not allowed`,
      `${FILE}/cover.svg:6: error UNSAFE_SVG: reference href="https://example.com/x.png" is not allowed`,
      `${FILE}/cover.svg:7: error UNSAFE_SVG: reference url(https://example.com/p.svg#a) is not allowed`,
    ]);
  });
});

describe('warnings', () => {
  it('TITLE_TOO_LONG, SUMMARY_TOO_LONG and LONG_SENTENCE do not stop the build', async () => {
    await lib.edit(
      `${BOIL}/zh-CN.md`,
      'title: 喝开水，不喝生水',
      'title: 喝开水，不喝生水，井水河水都要烧开',
    );
    await lib.edit(
      `${BOIL}/zh-CN.md`,
      'summary: 井水、河水',
      'summary: 无论是家里的井水还是村边的河水、塘水，井水、河水',
    );
    await lib.edit(
      `${BOIL}/zh-CN.md`,
      '把水烧到大滚。',
      '把水倒进干净的锅里用大火一直烧到水面不停地翻滚并且冒出很多很大的气泡以后再多烧上一会儿。',
    );
    const { diagnostics } = await compileContent('content', { rootDir: lib.root });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${FILE}/zh-CN.md:6: warning TITLE_TOO_LONG: title is 17 characters; keep Chinese titles to 16`,
      `${FILE}/zh-CN.md:7: warning SUMMARY_TOO_LONG: summary is 41 characters; keep Chinese summaries to 40`,
      `${FILE}/zh-CN.md:33: warning LONG_SENTENCE: a sentence of 43 characters; Chinese sentences read best under 25, at most 40`,
    ]);
  });
});

describe('folders named like files', () => {
  it('reports a folder named zh-CN.md as a missing file instead of failing to read it', async () => {
    await lib.remove(`${BOIL}/zh-CN.md`);
    await mkdir(lib.path(`${BOIL}/zh-CN.md`));
    await lib.write(`${BOIL}/zh-CN.md/x`, 'x');
    const found = await errors();
    expect(found.some((e) => e.includes('MISSING_TRANSLATION') && e.includes('missing zh-CN.md'))).toBe(true);
  });
});
