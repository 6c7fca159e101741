import * as v from 'valibot';
import { AUDIENCES, type SourceSchema } from '../protocol/content-doc.ts';
import { isTopicId, TOPICS } from '../protocol/topics.ts';
import { type Diagnostic, error } from './diagnostics.ts';
import { sourceIssues } from './source-rule.ts';
import { parseYaml } from './yaml-source.ts';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (max: number) =>
  v.pipe(
    v.string('must be text'),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/** One entry of `sources` (also a quiz question's `source`), with messages for authors. */
export const SourceFieldSchema = v.strictObject(
  {
    title: text(300),
    publisher: text(200),
    year: v.pipe(
      v.number('must be a year like 2024'),
      v.integer('must be a year like 2024'),
      v.minValue(1900, 'must be a year like 2024'),
      v.maxValue(2100, 'must be a year like 2024'),
    ),
    url: v.pipe(
      v.string('must be a web address'),
      v.url('must be a web address'),
      v.regex(/^https?:\/\//, 'must start with http:// or https://'),
    ),
  },
  (issue) =>
    issue.expected === 'never'
      ? 'unknown field'
      : issue.expected?.startsWith('"')
        ? 'missing required field'
        : 'must be a source with title, publisher, year and url',
);

const FIELDS = {
  id: v.pipe(
    v.string('must be text'),
    v.regex(ID, 'must be lower-case letters, digits and hyphens'),
    v.maxLength(80, 'must be at most 80 characters'),
  ),
  topic: v.string('must be text'),
  audience: v.picklist(AUDIENCES, `must be one of ${AUDIENCES.join(', ')}`),
  tags: v.pipe(
    v.array(
      v.pipe(
        v.string('must be text'),
        v.regex(ID, 'must be lower-case words joined by hyphens'),
        v.maxLength(40, 'must be at most 40 characters'),
      ),
      'must be a list like [mosquito, dengue]',
    ),
    v.minLength(1, 'must list at least one tag'),
  ),
  title: text(200),
  summary: text(400),
  cover: v.pipe(v.string('must be a file name'), v.minLength(1, 'must not be empty')),
  coverAlt: text(300),
  reviewed: v.pipe(v.string('must be a date YYYY-MM-DD'), v.isoDate('must be a date YYYY-MM-DD')),
  sources: v.pipe(
    v.array(SourceFieldSchema, 'must be a list of sources'),
    v.minLength(1, 'must list at least one source'),
  ),
} as const;

/** A front matter field name. */
export type Field = keyof typeof FIELDS;
/** The fields every language file must share with zh-CN.md. */
export const SHARED_FIELDS = ['id', 'topic', 'audience', 'tags', 'cover', 'reviewed', 'sources'] as const;

/** Validated front matter of one article file. */
export interface ArticleMeta {
  id: string;
  topic: string;
  audience: (typeof AUDIENCES)[number];
  tags: string[];
  title: string;
  summary: string;
  cover: string;
  coverAlt: string;
  reviewed: string;
  sources: v.InferOutput<typeof SourceSchema>[];
}

/** One article file split into front matter and body. */
export interface ArticleFile {
  /** Each field that is valid, as parsed (for cross-language comparison). */
  valid: Record<string, unknown>;
  /** The fields, when every one of them is valid. */
  meta?: ArticleMeta;
  fieldLine(field: string): number;
  body: string;
  bodyFirstLine: number;
}

/** Splits `---` front matter from the body and validates every field. */
export function readArticleFile(source: string, file: string, diagnostics: Diagnostic[]): ArticleFile {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (!/^---\s*$/.test(lines[0] ?? '') || close < 0) {
    const why = /^---\s*$/.test(lines[0] ?? '')
      ? 'no closing --- line'
      : 'the file must start with a --- line';
    diagnostics.push(error(file, 1, 'FRONTMATTER_MISSING', `front matter missing: ${why}`));
    return { valid: {}, fieldLine: () => 1, body: '', bodyFirstLine: 1 };
  }
  const body = lines.slice(close + 1).join('\n');
  const yaml = parseYaml(lines.slice(1, close).join('\n'), 2);
  const result: ArticleFile = {
    valid: {},
    fieldLine: (f) => yaml.lineAt([f], 1),
    body,
    bodyFirstLine: close + 2,
  };
  if (yaml.syntaxErrors.length > 0) {
    for (const e of yaml.syntaxErrors) diagnostics.push(error(file, e.line, 'YAML_SYNTAX', e.message));
    return result;
  }
  if (typeof yaml.value !== 'object' || yaml.value === null || Array.isArray(yaml.value)) {
    diagnostics.push(error(file, 1, 'FIELD_INVALID', 'front matter must be a list of `field: value` lines'));
    return result;
  }
  const raw = yaml.value as Record<string, unknown>;
  const before = diagnostics.length;
  for (const key of Object.keys(raw)) {
    if (!(key in FIELDS))
      diagnostics.push(error(file, yaml.lineAt([key], 1), 'FIELD_INVALID', `unknown field ${key}`));
  }
  const meta = result.valid;
  for (const [field, schema] of Object.entries(FIELDS)) {
    const value = raw[field];
    if (value === undefined || value === null || (field === 'coverAlt' && isBlank(value))) {
      const code = field === 'coverAlt' ? 'IMAGE_ALT_MISSING' : 'FIELD_INVALID';
      const line = value === undefined ? 1 : yaml.lineAt([field], 1);
      const what = field === 'coverAlt' ? 'the cover needs coverAlt text' : `missing required field ${field}`;
      diagnostics.push(error(file, line, code, what));
      continue;
    }
    if (field === 'sources' && reportSourceIssues(value, file, yaml.lineAt, diagnostics)) continue;
    const parsed = v.safeParse(schema as v.GenericSchema, value);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = [field, ...(issue.path ?? []).map((p) => p.key as string | number)];
      diagnostics.push(
        error(file, yaml.lineAt(path, 1), 'FIELD_INVALID', `${pathName(path)}: ${issue.message}`),
      );
      continue;
    }
    meta[field] = parsed.output;
  }
  if (typeof meta.topic === 'string' && !isTopicId(meta.topic)) {
    const msg = `topic "${meta.topic}" is not one of ${TOPICS.join(', ')}`;
    diagnostics.push(error(file, yaml.lineAt(['topic'], 1), 'UNKNOWN_TOPIC', msg));
  }
  if (diagnostics.length === before) result.meta = meta as unknown as ArticleMeta;
  return result;
}

/** Reports each source that breaks the source rule (home page, no title); true when any did. */
function reportSourceIssues(
  value: unknown,
  file: string,
  lineAt: (path: (string | number)[], fallback: number) => number,
  diagnostics: Diagnostic[],
): boolean {
  if (!Array.isArray(value)) return false;
  let found = false;
  value.forEach((source, i) => {
    for (const issue of sourceIssues(source)) {
      const path = ['sources', i, ...issue.path];
      diagnostics.push(error(file, lineAt(path, 1), issue.code, `${pathName(path)}: ${issue.message}`));
      found = true;
    }
  });
  return found;
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

/** `sources[0].url` from ['sources', 0, 'url']. */
export function pathName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
