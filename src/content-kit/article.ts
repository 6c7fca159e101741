import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { canonicalJson } from '../protocol/canonical-json.ts';
import { type ArticleDoc, ArticleDocSchema, articlePath, type Block } from '../protocol/content-doc.ts';
import { LOCALES, type Locale } from '../protocol/locales.ts';
import { type Diagnostic, error, hasErrors } from './diagnostics.ts';
import { type ArticleFile, readArticleFile, SHARED_FIELDS } from './front-matter.ts';
import { createImageResolver, type ImageResolver } from './image-resolver.ts';
import { type BodyContext, convertBody } from './markdown.ts';
import type { CompiledImage, PackEntry } from './media.ts';
import { zhWarnings } from './zh-style.ts';

/** One article folder as found on disk. */
export interface ArticleSource {
  topicFolder: string;
  idFolder: string;
  absDir: string;
  /** Repo-relative folder, e.g. `content/articles/health/heat-illness`. */
  relDir: string;
}

/** One article folder compiled: its documents (when error-free), files and what to check later. */
export interface CompiledArticle {
  source: ArticleSource;
  /** Where the id is declared, for DUPLICATE_ID. */
  idAt: { file: string; line: number };
  /** One per locale in LOCALES order; empty when the folder has errors. */
  docs: ArticleDoc[];
  coverAlt: Partial<Record<Locale, string>>;
  files: Map<string, PackEntry>;
  links: { file: string; line: number; article: string }[];
  diagnostics: Diagnostic[];
}

/** Reads, checks and converts the three language files of one article folder. */
export async function compileArticle(source: ArticleSource): Promise<CompiledArticle> {
  const diagnostics: Diagnostic[] = [];
  // Files only: a folder named like one (an upload holding zh-CN.md/x) is not an article file.
  const names = new Set(
    (await readdir(source.absDir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
  );
  const rel = (locale: string) => `${source.relDir}/${locale}.md`;
  const present = LOCALES.filter((l) => names.has(`${l}.md`));
  const result: CompiledArticle = {
    source,
    idAt: { file: present[0] ? rel(present[0]) : source.relDir, line: 1 },
    docs: [],
    coverAlt: {},
    files: new Map(),
    links: [],
    diagnostics,
  };
  for (const locale of LOCALES) {
    if (names.has(`${locale}.md`)) continue;
    const msg = `missing ${locale}.md: every article needs zh-CN.md, vi.md and en.md`;
    diagnostics.push(error(result.idAt.file, 1, 'MISSING_TRANSLATION', msg));
  }
  const parsed = new Map<Locale, ArticleFile>();
  await Promise.all(
    present.map(async (locale) => {
      const text = await readFile(join(source.absDir, `${locale}.md`), 'utf8');
      parsed.set(locale, readArticleFile(text, rel(locale), diagnostics));
    }),
  );
  const first = parsed.get(present[0] as Locale);
  if (first) result.idAt.line = first.fieldLine('id');

  const packDir = `media/${source.idFolder}`;
  const resolve = createImageResolver(source.absDir, source.relDir, packDir, names, diagnostics);
  const reference = parsed.get('zh-CN');
  for (const [locale, file] of parsed) {
    checkFolder(source, file, rel(locale), diagnostics);
    if (locale !== 'zh-CN' && reference) checkShared(reference, file, rel(locale), diagnostics);
    if (locale === 'zh-CN' && file.meta) diagnostics.push(...zhWarnings(file, rel(locale)));
  }

  const { bodies, pending } = convertBodies(parsed, rel, resolve, result);
  const coverFile = reference?.meta ? reference : [...parsed.values()].find((f) => f.meta);
  const coverLocale = coverFile === reference ? 'zh-CN' : present.find((l) => parsed.get(l) === coverFile);
  const cover = coverFile?.meta
    ? await resolve(coverFile.meta.cover, rel(coverLocale ?? 'zh-CN'), coverFile.fieldLine('cover'))
    : undefined;
  await Promise.all(pending);
  if (cover) for (const [path, entry] of cover.files) result.files.set(path, entry);

  if (hasErrors(diagnostics) || !cover || present.length !== LOCALES.length) return result;
  await buildDocs(source, parsed, bodies, cover, names, result);
  return result;
}

function checkFolder(source: ArticleSource, file: ArticleFile, rel: string, diagnostics: Diagnostic[]): void {
  const meta = file.meta;
  if (!meta) return;
  if (meta.id !== source.idFolder) {
    const msg = `id "${meta.id}" does not match the folder name "${source.idFolder}"`;
    diagnostics.push(error(rel, file.fieldLine('id'), 'ID_FOLDER_MISMATCH', msg));
  }
  if (meta.topic !== source.topicFolder) {
    const msg = `topic "${meta.topic}" does not match the folder articles/${source.topicFolder}`;
    diagnostics.push(error(rel, file.fieldLine('topic'), 'TOPIC_FOLDER_MISMATCH', msg));
  }
}

function checkShared(
  reference: ArticleFile,
  file: ArticleFile,
  rel: string,
  diagnostics: Diagnostic[],
): void {
  for (const field of SHARED_FIELDS) {
    const a = reference.valid[field];
    const b = file.valid[field];
    if (a === undefined || b === undefined || canonicalJson(a) === canonicalJson(b)) continue;
    const msg = `${field} differs from zh-CN.md: it must be the same in every language`;
    diagnostics.push(error(rel, file.fieldLine(field), 'SHARED_FIELD_MISMATCH', msg));
  }
}

/** Converts each language's body, queueing its pictures; image blocks are filled in when `pending` settles. */
function convertBodies(
  parsed: Map<Locale, ArticleFile>,
  rel: (locale: string) => string,
  resolve: ImageResolver,
  result: CompiledArticle,
): { bodies: Map<Locale, Block[]>; pending: Promise<void>[] } {
  const bodies = new Map<Locale, Block[]>();
  const pending: Promise<void>[] = [];
  for (const [locale, file] of parsed) {
    const ctx: BodyContext = {
      file: rel(locale),
      lineOffset: file.bodyFirstLine - 1,
      diagnostics: result.diagnostics,
      images: [],
      links: [],
    };
    bodies.set(locale, convertBody(file.body, ctx));
    for (const link of ctx.links) result.links.push({ file: ctx.file, ...link });
    for (const { block, line } of ctx.images) {
      if (!block.alt) {
        const msg = `picture ${block.src} needs alt text: ![what it shows](${block.src})`;
        result.diagnostics.push(error(ctx.file, line, 'IMAGE_ALT_MISSING', msg));
      }
      pending.push(
        resolve(block.src, ctx.file, line).then((image) => {
          if (!image) return;
          for (const [path, entry] of image.files) result.files.set(path, entry);
          Object.assign(block, { src: image.src, width: image.width, height: image.height });
        }),
      );
    }
  }
  return { bodies, pending };
}

/** The three documents of an error-free article, each checked against ArticleDocSchema. */
async function buildDocs(
  source: ArticleSource,
  parsed: Map<Locale, ArticleFile>,
  bodies: Map<Locale, Block[]>,
  cover: CompiledImage,
  names: ReadonlySet<string>,
  result: CompiledArticle,
): Promise<void> {
  const docs: ArticleDoc[] = [];
  for (const locale of LOCALES) {
    const meta = parsed.get(locale)?.meta;
    if (!meta) return;
    result.coverAlt[locale] = meta.coverAlt;
    const { src, fallback, width, height } = cover;
    const doc: ArticleDoc = {
      id: meta.id,
      locale,
      topic: meta.topic as ArticleDoc['topic'],
      audience: meta.audience,
      tags: meta.tags,
      title: meta.title,
      summary: meta.summary,
      cover: { src, ...(fallback ? { fallback } : {}), alt: meta.coverAlt, width, height },
      reviewed: meta.reviewed,
      sources: meta.sources,
      body: bodies.get(locale) ?? [],
    };
    const narration = `narration.${locale}.mp3`;
    if (names.has(narration)) {
      doc.narration = `narration/${meta.id}.${locale}.mp3`;
      const bytes = new Uint8Array(await readFile(join(source.absDir, narration)));
      result.files.set(doc.narration, { bytes, type: 'audio/mpeg' });
    }
    const checked = v.safeParse(ArticleDocSchema, doc);
    if (!checked.success) {
      const path = articlePath(meta.id, locale);
      throw new Error(`compiler bug: ${path} fails ArticleDocSchema: ${checked.issues[0].message}`);
    }
    docs.push(doc);
  }
  result.docs = docs;
}
