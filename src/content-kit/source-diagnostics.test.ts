import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, formatDiagnostic, sortDiagnostics } from './diagnostics.ts';
import { readArticleFile } from './front-matter.ts';
import { compileQuizFile } from './quiz.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'sources');
const noImages = async () => undefined;

async function quizErrors(name: string): Promise<{ errors: string[]; compiled: number }> {
  const diagnostics: Diagnostic[] = [];
  const file = `fixtures/sources/${name}.yaml`;
  const text = await readFile(join(DIR, `${name}.yaml`), 'utf8');
  const out = await compileQuizFile(text, file, 'health', noImages, diagnostics);
  return { errors: sortDiagnostics(diagnostics).map(formatDiagnostic), compiled: out.questions.length };
}

async function articleErrors(name: string): Promise<{ errors: string[]; valid: boolean }> {
  const diagnostics: Diagnostic[] = [];
  const file = `fixtures/sources/${name}.md`;
  const parsed = readArticleFile(await readFile(join(DIR, `${name}.md`), 'utf8'), file, diagnostics);
  return { errors: sortDiagnostics(diagnostics).map(formatDiagnostic), valid: parsed.meta !== undefined };
}

describe('source rule: the document itself, by its title', () => {
  it('a quiz source naming a document compiles', async () => {
    expect(await quizErrors('quiz-base')).toEqual({ errors: [], compiled: 1 });
  });

  it('SOURCE_URL_HOME_PAGE in an article and a quiz, at the url line', async () => {
    expect(await articleErrors('article-home-page')).toEqual({
      errors: [
        "fixtures/sources/article-home-page.md:19: error SOURCE_URL_HOME_PAGE: sources[1].url: www.nhc.gov.cn/ is the site's home page; give the address of the document itself",
      ],
      valid: false,
    });
    expect(await quizErrors('quiz-home-page')).toEqual({
      errors: [
        "fixtures/sources/quiz-home-page.yaml:11: error SOURCE_URL_HOME_PAGE: source.url: www.who.int/zh/index.html is the site's home page; give the address of the document itself",
      ],
      compiled: 0,
    });
  });

  it('SOURCE_TITLE_MISSING: no title, a "home page" title, a title that is the publisher', async () => {
    expect(await articleErrors('article-title-missing')).toEqual({
      errors: [
        'fixtures/sources/article-title-missing.md:12: error SOURCE_TITLE_MISSING: sources[0]: a source needs the title of the document, as published',
        'fixtures/sources/article-title-missing.md:15: error SOURCE_TITLE_MISSING: sources[1].title: "National Health Commission (home page)" names a site or its publisher, not a document: give the document\'s title as published',
      ],
      valid: false,
    });
    expect(await quizErrors('quiz-title-missing')).toEqual({
      errors: [
        'fixtures/sources/quiz-title-missing.yaml:8: error SOURCE_TITLE_MISSING: source.title: "World Health Organization" names a site or its publisher, not a document: give the document\'s title as published',
      ],
      compiled: 0,
    });
  });
});
