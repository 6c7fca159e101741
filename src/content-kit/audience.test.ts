import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIENCES } from '../protocol/content-doc.ts';
import { compileContent } from './compile.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from './test-library.ts';

const FLOOD = 'articles/emergency/flood-escape';
const LANGS = ['zh-CN', 'vi', 'en'];
let lib: TestLibrary;

beforeEach(async () => {
  lib = await createTestLibrary();
});
afterEach(() => removeTestLibrary(lib));

const setAudience = async (audience: string, langs = LANGS) => {
  for (const l of langs) await lib.edit(`${FLOOD}/${l}.md`, 'audience: all', `audience: ${audience}`);
};

describe('the audience field', () => {
  it('names the target groups of the national science literacy plan, workers and officials among them', () => {
    expect(AUDIENCES).toEqual(['all', 'seniors', 'youth', 'farmers', 'workers', 'officials']);
  });

  it.each(['workers', 'officials'])(
    'compiles an article written for %s into the catalog and each document',
    async (audience) => {
      await setAudience(audience);
      const compiled = await compileContent('content', { rootDir: lib.root });
      expect(compiled.diagnostics).toEqual([]);
      expect(compiled.catalog.articles.find((e) => e.id === 'flood-escape')?.audience).toBe(audience);
      for (const l of LANGS) {
        expect(compiled.articles.find((d) => d.id === 'flood-escape' && d.locale === l)?.audience).toBe(
          audience,
        );
      }
    },
  );

  it('refuses an audience the kiosk cannot show, with file and line', async () => {
    await setAudience('cadres');
    const compiled = await compileContent('content', { rootDir: lib.root });
    const errors = compiled.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.file}:${d.line} ${d.code}`);
    expect(errors).toEqual(LANGS.map((l) => `content/${FLOOD}/${l}.md:4 FIELD_INVALID`).sort());
  });

  it('must be the same in all three languages', async () => {
    await setAudience('workers', ['vi']);
    const compiled = await compileContent('content', { rootDir: lib.root });
    expect(compiled.diagnostics.map((d) => `${d.file}:${d.code}`)).toContain(
      `content/${FLOOD}/vi.md:SHARED_FIELD_MISMATCH`,
    );
  });
});
