import * as v from 'valibot';
import { CATALOG_PATH, type CatalogEntry, CatalogSchema } from '../protocol/content-doc.ts';
import type { PackFile } from '../protocol/pack-manifest.ts';
import type { BlobStore } from './blob-store.ts';

/** How one article differs from the live release. */
export interface ArticleChange {
  id: string;
  change: 'added' | 'changed' | 'removed';
  /** Catalog entry (title, topic) from the new release, or the live one for a removal. */
  entry: CatalogEntry | null;
}

/** What publishing a set of files would change, against the live release. */
export interface ReleaseDiff {
  /** The live release compared with, or null when nothing is live yet. */
  against: number | null;
  articles: ArticleChange[];
  unchangedArticles: number;
  /** Quiz banks (by topic) added, changed or removed. */
  quizzes: Array<{ topic: string; change: 'added' | 'changed' | 'removed' }>;
  /** What each kiosk downloads: blobs it does not already hold from the live release. */
  download: { files: number; bytes: number };
  total: { files: number; bytes: number };
}

/** The article a pack path belongs to (its documents and media folder), if any. */
function articleOf(path: string): string | null {
  const doc = /^articles\/([a-z0-9-]+)\.[A-Za-z-]+\.json$/.exec(path);
  if (doc?.[1]) return doc[1];
  const media = /^media\/([a-z0-9][a-z0-9-]*)\//.exec(path);
  return media?.[1] ?? null;
}

/** Each article's (or quiz bank's) files as one comparable signature: sorted path:sha256 pairs. */
function signatures(files: readonly PackFile[], key: (path: string) => string | null): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const f of files) {
    const id = key(f.path);
    if (id) parts.set(id, [...(parts.get(id) ?? []), `${f.path}:${f.sha256}`]);
  }
  return new Map([...parts].map(([id, list]) => [id, list.sort().join('\n')]));
}

const quizOf = (path: string) => /^quizzes\/([a-z]+)\.json$/.exec(path)?.[1] ?? null;

/** Reads a release's catalog from the blob store (null when missing or malformed). */
export async function readCatalog(
  blobs: BlobStore,
  files: readonly PackFile[],
): Promise<CatalogEntry[] | null> {
  const file = files.find((f) => f.path === CATALOG_PATH);
  if (!file || !(await blobs.has(file.sha256))) return null;
  const parsed = v.safeParse(CatalogSchema, JSON.parse((await blobs.get(file.sha256)).toString('utf8')));
  return parsed.success ? parsed.output.articles : null;
}

function compare<T>(next: Map<string, T>, live: Map<string, T>) {
  const added = [...next.keys()].filter((id) => !live.has(id));
  const removed = [...live.keys()].filter((id) => !next.has(id));
  const changed = [...next.keys()].filter((id) => live.has(id) && live.get(id) !== next.get(id));
  return { added, removed, changed };
}

/**
 * Compares `next` with the `live` release's files: articles added, changed (any language's
 * document or any of its media) or removed, quiz banks, and the bytes a kiosk must fetch.
 */
export async function diffReleases(
  blobs: BlobStore,
  next: readonly PackFile[],
  live: { version: number; files: readonly PackFile[] } | null,
): Promise<ReleaseDiff> {
  const liveFiles = live?.files ?? [];
  const articles = compare(signatures(next, articleOf), signatures(liveFiles, articleOf));
  const quizzes = compare(signatures(next, quizOf), signatures(liveFiles, quizOf));
  const [nextCatalog, liveCatalog] = await Promise.all([
    readCatalog(blobs, next),
    readCatalog(blobs, liveFiles),
  ]);
  const entry = (id: string, catalog: CatalogEntry[] | null) => catalog?.find((e) => e.id === id) ?? null;
  const held = new Set(liveFiles.map((f) => f.sha256));
  const unique = new Map(next.map((f) => [f.sha256, f.size]));
  const fetch = [...unique].filter(([sha]) => !held.has(sha));
  const nextIds = new Set(signatures(next, articleOf).keys());
  return {
    against: live?.version ?? null,
    articles: [
      ...articles.added.map((id) => ({ id, change: 'added' as const, entry: entry(id, nextCatalog) })),
      ...articles.changed.map((id) => ({ id, change: 'changed' as const, entry: entry(id, nextCatalog) })),
      ...articles.removed.map((id) => ({ id, change: 'removed' as const, entry: entry(id, liveCatalog) })),
    ],
    unchangedArticles: nextIds.size - articles.added.length - articles.changed.length,
    quizzes: [
      ...quizzes.added.map((topic) => ({ topic, change: 'added' as const })),
      ...quizzes.changed.map((topic) => ({ topic, change: 'changed' as const })),
      ...quizzes.removed.map((topic) => ({ topic, change: 'removed' as const })),
    ],
    download: { files: fetch.length, bytes: fetch.reduce((n, [, size]) => n + size, 0) },
    total: { files: unique.size, bytes: [...unique.values()].reduce((n, s) => n + s, 0) },
  };
}
