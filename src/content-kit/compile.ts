import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import * as v from 'valibot';
import {
  type ArticleDoc,
  articlePath,
  CATALOG_PATH,
  type Catalog,
  type CatalogEntry,
  CatalogSchema,
} from '../protocol/content-doc.ts';
import { type QuizBank, QuizBankSchema, quizPath } from '../protocol/quiz-doc.ts';
import { TOPICS } from '../protocol/topics.ts';
import type { TutorialDoc } from '../protocol/tutorial-doc.ts';
import { answerCueReport, type CueReport, cueDiagnostics } from './answer-cues.ts';
import { type ArticleSource, type CompiledArticle, compileArticle } from './article.ts';
import { type Diagnostic, error, sortDiagnostics } from './diagnostics.ts';
import type { PackEntry } from './media.ts';
import { mapPool } from './pool.ts';
import { compileQuizzes } from './quizzes.ts';
import { compileTutorials } from './tutorials.ts';

/** Everything compiled from a content folder, ready for `writePack`. */
export interface CompiledContent {
  catalog: Catalog;
  articles: ArticleDoc[];
  quizzes: QuizBank[];
  /** Phone tutorials in catalog order. */
  tutorials: TutorialDoc[];
  /** Answer cues per quiz bank and across all banks (errors past the threshold are in `diagnostics`). */
  cues: CueReport[];
  /** Every pack file by its path in the pack. */
  files: Map<string, { bytes: Uint8Array; type: string }>;
  diagnostics: Diagnostic[];
}

/** Files read and converted at once; parsing is CPU-bound, so more would only queue. */
const CONCURRENCY = 16;

/**
 * Compiles `contentDir` (articles, quizzes and tutorials). Content mistakes never throw: they come back as
 * diagnostics, and anything with an error is left out of the output.
 */
export async function compileContent(
  contentDir: string,
  options: { rootDir?: string } = {},
): Promise<CompiledContent> {
  const root = resolve(options.rootDir ?? process.cwd());
  const contentAbs = resolve(root, contentDir);
  if (!(await stat(contentAbs).catch(() => undefined))?.isDirectory()) {
    throw new Error(`content folder not found: ${contentAbs}`);
  }
  const rel = (abs: string) => relative(root, abs).split(sep).join('/');
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, PackEntry>();

  const sources = await findArticles(join(contentAbs, 'articles'), rel);
  const compiled = await mapPool(sources, CONCURRENCY, compileArticle);
  const kept = keepUnique(compiled, diagnostics);
  const ids = new Set(sources.map((s) => s.idFolder));
  for (const article of compiled) {
    diagnostics.push(...article.diagnostics);
    for (const link of article.links) {
      if (!ids.has(link.article)) {
        diagnostics.push(
          error(link.file, link.line, 'BROKEN_LINK', `article:${link.article} does not exist`),
        );
      }
    }
  }
  const articles = kept.flatMap((a) => a.docs);
  for (const article of kept) {
    if (article.docs.length === 0) continue;
    for (const [path, entry] of article.files) files.set(path, entry);
    for (const doc of article.docs) files.set(articlePath(doc.id, doc.locale), json(doc));
  }

  const catalog: Catalog = { articles: kept.flatMap(catalogEntry) };
  checkOrThrow(CatalogSchema, catalog, CATALOG_PATH);
  files.set(CATALOG_PATH, json(catalog));

  const quizzes = await compileQuizzes(join(contentAbs, 'quizzes'), rel, ids, diagnostics, files);
  for (const bank of quizzes) {
    checkOrThrow(QuizBankSchema, bank, quizPath(bank.topic));
    files.set(quizPath(bank.topic), json(bank));
  }
  const quizzesDir = join(contentAbs, 'quizzes');
  const cues = answerCueReport(quizzes);
  diagnostics.push(
    ...cueDiagnostics(cues, (topic) => rel(topic === 'all' ? quizzesDir : join(quizzesDir, `${topic}.yaml`))),
  );
  const tutorials = await compileTutorials(join(contentAbs, 'tutorials'), rel, diagnostics, files);
  return { catalog, articles, quizzes, tutorials, cues, files, diagnostics: sortDiagnostics(diagnostics) };
}

async function findArticles(articlesDir: string, rel: (abs: string) => string): Promise<ArticleSource[]> {
  const sources: ArticleSource[] = [];
  for (const topicFolder of await dirs(articlesDir)) {
    for (const idFolder of await dirs(join(articlesDir, topicFolder))) {
      const absDir = join(articlesDir, topicFolder, idFolder);
      sources.push({ topicFolder, idFolder, absDir, relDir: rel(absDir) });
    }
  }
  const order = (s: ArticleSource) => topicOrder(s.topicFolder);
  return sources.sort(
    (a, b) => order(a) - order(b) || compare(a.idFolder, b.idFolder) || compare(a.relDir, b.relDir),
  );
}

/** The first folder with an id keeps it; every later one is a DUPLICATE_ID and is left out. */
function keepUnique(articles: CompiledArticle[], diagnostics: Diagnostic[]): CompiledArticle[] {
  const owner = new Map<string, CompiledArticle>();
  for (const a of [...articles].sort((x, y) => compare(x.source.relDir, y.source.relDir))) {
    const first = owner.get(a.source.idFolder);
    if (!first) {
      owner.set(a.source.idFolder, a);
      continue;
    }
    const msg = `article id ${a.source.idFolder} is already used by ${first.source.relDir}`;
    diagnostics.push(error(a.idAt.file, a.idAt.line, 'DUPLICATE_ID', msg));
  }
  return articles.filter((a) => owner.get(a.source.idFolder) === a);
}

function catalogEntry(article: CompiledArticle): CatalogEntry[] {
  const [zh, vi, en] = article.docs;
  if (!zh || !vi || !en) return [];
  const { coverAlt } = article;
  return [
    {
      id: zh.id,
      topic: zh.topic,
      audience: zh.audience,
      cover: zh.cover,
      coverAlt: { 'zh-CN': coverAlt['zh-CN'] ?? '', vi: coverAlt.vi ?? '', en: coverAlt.en ?? '' },
      title: { 'zh-CN': zh.title, vi: vi.title, en: en.title },
      summary: { 'zh-CN': zh.summary, vi: vi.summary, en: en.summary },
    },
  ];
}

async function dirs(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(compare);
}

/** Position of a topic on the home screen; unknown topics last. */
function topicOrder(topic: string): number {
  const i = (TOPICS as readonly string[]).indexOf(topic);
  return i < 0 ? TOPICS.length : i;
}

/** A JSON pack file. */
export function json(value: unknown): PackEntry {
  return { bytes: new TextEncoder().encode(JSON.stringify(value)), type: 'application/json' };
}

function checkOrThrow(schema: v.GenericSchema, value: unknown, path: string): void {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new Error(`compiler bug: ${path} fails its schema: ${result.issues[0].message}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
