import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileContent } from './compile.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from './test-library.ts';

const EN = 'articles/health/boil-water/en.md';
/** Appended text starts on this line of en.md (after a blank line). */
const LINE = 40;
const AT = `content/${EN}:${LINE}: error`;

let lib: TestLibrary;
beforeEach(async () => {
  lib = await createTestLibrary();
});
afterEach(() => removeTestLibrary(lib));

async function errorsAfterAppending(markdown: string): Promise<string[]> {
  const text = await lib.read(EN);
  expect(text.split('\n')).toHaveLength(LINE - 1);
  await lib.write(EN, `${text}\n${markdown}\n`);
  const { diagnostics } = await compileContent('content', { rootDir: lib.root });
  return diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('body diagnostics', () => {
  it.each([
    ['BROKEN_LINK', 'See [boiling](article:boil-waters).', 'BROKEN_LINK: article:boil-waters does not exist'],
    [
      'BROKEN_LINK (not an id)',
      'See [x](article:Boil_Water).',
      'BROKEN_LINK: article:Boil_Water is not a valid article id',
    ],
    [
      'EXTERNAL_LINK',
      'Read [the WHO page](https://www.who.int/).',
      'EXTERNAL_LINK: link to https://www.who.int/: body links may only point at articles (article:<id>); web addresses belong in sources',
    ],
    [
      'EXTERNAL_LINK (autolink)',
      'Mail <help@example.org> now.',
      'EXTERNAL_LINK: link to mailto:help@example.org: body links may only point at articles (article:<id>); web addresses belong in sources',
    ],
    [
      'RAW_HTML (block)',
      '<div class="x">Hello</div>',
      'RAW_HTML: raw HTML is not allowed: <div class="x">Hello</div>',
    ],
    ['RAW_HTML (inline)', 'Water <b>boils</b> here.', 'RAW_HTML: raw HTML is not allowed: <b>'],
    ['RAW_HTML (comment)', '<!-- note -->', 'RAW_HTML: raw HTML is not allowed: <!-- note -->'],
  ])('%s', async (_, markdown, message) => {
    expect(await errorsAfterAppending(markdown)).toEqual([`${AT} ${message}`]);
  });

  it.each([
    ['code block', '```\nboil()\n```', 'code block is not supported'],
    ['indented code', '    boil()', 'code block is not supported'],
    ['inline code', 'Run `boil` now.', 'inline code (`...`) is not supported'],
    ['h1', '# Water', 'heading # (level 1): the title comes from the front matter'],
    ['h4', '#### Water', 'heading #### (level 4): use ## or ###'],
    ['thematic break', '***', 'thematic break (---) is not supported: use a ## heading'],
    ['deep list', '- one\n  - two\n    - three', 'list nested deeper than one level', 2],
    ['definition', '[who]: https://www.who.int/', 'link reference definition is not supported'],
    ['footnote', '[^1]: A footnote.', 'footnotes are not supported'],
    ['footnote reference', 'Boil it[^1].', 'footnotes are not supported'],
    [
      'bold markers next to punctuation',
      '看一张病菌的**"通缉照片"**。',
      '** or __ that does not make bold text: next to punctuation, put the markers inside it, e.g. "**照片**"',
    ],
    ['plain quote', '> Water is life.', 'quote block: only [!WARNING] and [!TIP] callouts are supported'],
    [
      'other callout',
      '> [!NOTE]\n> Water is life.',
      'callout [!NOTE]: only [!WARNING] and [!TIP] callouts are supported',
    ],
    ['empty callout', '> [!TIP]', 'empty callout: write the warning or tip after the marker line'],
    ['heading in a callout', '> [!TIP]\n> ## Tip', 'heading inside a callout', 1],
    ['table in a list', '- item\n\n  | a |\n  | - |\n  | b |', 'table inside a list', 2],
    [
      'image in a table',
      '| a |\n| - |\n| ![pot](boiling.png) |',
      'image inside a table: put each picture on a line of its own',
      2,
    ],
    [
      'image in text',
      'A pot ![pot](boiling.png) of water.',
      'image inside text: put each picture on a line of its own',
    ],
  ])('UNSUPPORTED_MARKDOWN: %s', async (_, markdown, message, below = 0) => {
    const found = await errorsAfterAppending(markdown);
    expect(found).toEqual([`content/${EN}:${LINE + below}: error UNSUPPORTED_MARKDOWN: ${message}`]);
  });

  it('UNSUPPORTED_MARKDOWN: reference-style links and their definitions', async () => {
    expect(await errorsAfterAppending('[who]\n\n[who]: https://www.who.int/')).toEqual([
      `${AT} UNSUPPORTED_MARKDOWN: reference-style link ([text][label]) is not supported`,
      `content/${EN}:${LINE + 2}: error UNSUPPORTED_MARKDOWN: link reference definition is not supported`,
    ]);
  });

  it('reports the line of a construct deep in the body', async () => {
    const found = await errorsAfterAppending('Fine text.\n\n- one\n- two `code`');
    expect(found).toEqual([
      `content/${EN}:${LINE + 3}: error UNSUPPORTED_MARKDOWN: inline code (\`...\`) is not supported`,
    ]);
  });
});
