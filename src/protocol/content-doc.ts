import * as v from 'valibot';
import { LOCALES } from './locales.ts';
import { TOPICS } from './topics.ts';

/**
 * The compiled article format: a restricted document tree the kiosk renders with its own
 * components. There is no HTML anywhere in it, so content can never inject script.
 */

/** Inline text. `link` only ever points at another article by id. */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'link'; article: string; c: Inline[] }
  | { t: 'br' };

/** A block of an article body. `image.src` is a path in the pack (see the manifest). */
export type Block =
  | { t: 'heading'; level: 2 | 3; c: Inline[] }
  | { t: 'paragraph'; c: Inline[] }
  | { t: 'list'; ordered: boolean; items: Block[][] }
  | { t: 'image'; src: string; alt: string; width: number; height: number }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { t: 'callout'; kind: 'warning' | 'tip'; c: Block[] };

const MAX_TEXT = 20_000;
const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(80));
/** A path inside a pack: relative, no `..`, no scheme. */
export const PackPath = v.pipe(
  v.string(),
  v.maxLength(200),
  v.regex(/^(?!\/)(?!.*\.\.)(?!.*:)[A-Za-z0-9._\-/]+$/),
);

const InlineSchema: v.GenericSchema<Inline> = v.variant('t', [
  v.strictObject({ t: v.literal('text'), v: v.pipe(v.string(), v.maxLength(MAX_TEXT)) }),
  v.strictObject({ t: v.literal('strong'), c: v.lazy(() => v.array(InlineSchema)) }),
  v.strictObject({ t: v.literal('em'), c: v.lazy(() => v.array(InlineSchema)) }),
  v.strictObject({ t: v.literal('link'), article: Id, c: v.lazy(() => v.array(InlineSchema)) }),
  v.strictObject({ t: v.literal('br') }),
]);

const Dimension = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000));

const BlockSchema: v.GenericSchema<Block> = v.variant('t', [
  v.strictObject({ t: v.literal('heading'), level: v.picklist([2, 3]), c: v.array(InlineSchema) }),
  v.strictObject({ t: v.literal('paragraph'), c: v.array(InlineSchema) }),
  v.strictObject({
    t: v.literal('list'),
    ordered: v.boolean(),
    items: v.array(v.lazy(() => v.array(BlockSchema))),
  }),
  v.strictObject({
    t: v.literal('image'),
    src: PackPath,
    alt: v.pipe(v.string(), v.minLength(1)),
    width: Dimension,
    height: Dimension,
  }),
  v.strictObject({
    t: v.literal('table'),
    head: v.array(v.array(InlineSchema)),
    rows: v.array(v.array(v.array(InlineSchema))),
  }),
  v.strictObject({
    t: v.literal('callout'),
    kind: v.picklist(['warning', 'tip']),
    c: v.lazy(() => v.array(BlockSchema)),
  }),
]);

/**
 * Who an article is written for: everyone, or one of the target groups of the national science
 * literacy plan (全民科学素质行动规划纲要): seniors, young people, farmers, industrial workers
 * (产业工人) and officials (领导干部和公务员, at the kiosk: village and township cadres).
 */
export const AUDIENCES = ['all', 'seniors', 'youth', 'farmers', 'workers', 'officials'] as const;
/** One of `AUDIENCES`. */
export type Audience = (typeof AUDIENCES)[number];

/** An authoritative source an article's facts come from. */
export const SourceSchema = v.strictObject({
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  publisher: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  year: v.pipe(v.number(), v.integer(), v.minValue(1900), v.maxValue(2100)),
  // A web address only: the public page makes it a link, so no other scheme (startsWith('http')
  // alone let `httpx:` or `http-evil:` through in a pack signed elsewhere).
  url: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//)),
});
export type Source = v.InferOutput<typeof SourceSchema>;

/** One image as the kiosk uses it: a modern format and a fallback, with intrinsic size. */
export const PictureSchema = v.strictObject({
  src: PackPath,
  fallback: v.optional(PackPath),
  alt: v.pipe(v.string(), v.minLength(1)),
  width: Dimension,
  height: Dimension,
});
export type Picture = v.InferOutput<typeof PictureSchema>;

/** One article in one language: `articles/<id>.<locale>.json` in a pack. */
export const ArticleDocSchema = v.strictObject({
  id: Id,
  locale: v.picklist(LOCALES),
  topic: v.picklist(TOPICS),
  audience: v.picklist(AUDIENCES),
  tags: v.array(v.pipe(v.string(), v.maxLength(40))),
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  summary: v.pipe(v.string(), v.minLength(1), v.maxLength(400)),
  cover: PictureSchema,
  reviewed: v.pipe(v.string(), v.isoDate()),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1)),
  narration: v.optional(PackPath),
  body: v.array(BlockSchema),
});
export type ArticleDoc = v.InferOutput<typeof ArticleDocSchema>;

/** A text in every kiosk language. */
export const LocalizedTextSchema = v.strictObject({
  'zh-CN': v.pipe(v.string(), v.minLength(1)),
  vi: v.pipe(v.string(), v.minLength(1)),
  en: v.pipe(v.string(), v.minLength(1)),
});
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;

/** What a topic list needs about one article, per language: `catalog.json` in a pack. */
export const CatalogEntrySchema = v.strictObject({
  id: Id,
  topic: v.picklist(TOPICS),
  audience: v.picklist(AUDIENCES),
  cover: PictureSchema,
  coverAlt: LocalizedTextSchema,
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
});
export type CatalogEntry = v.InferOutput<typeof CatalogEntrySchema>;

export const CatalogSchema = v.strictObject({
  articles: v.array(CatalogEntrySchema),
});
export type Catalog = v.InferOutput<typeof CatalogSchema>;

/** Path of an article document in a pack. */
export function articlePath(id: string, locale: string): string {
  return `articles/${id}.${locale}.json`;
}

/** Path of the catalog in a pack. */
export const CATALOG_PATH = 'catalog.json';
