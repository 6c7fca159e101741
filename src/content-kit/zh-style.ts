import { type Diagnostic, warning } from './diagnostics.ts';
import type { ArticleFile } from './front-matter.ts';

/** Limits from content/README.md for Chinese text, counted in characters. */
export const ZH_LIMITS = { title: 16, summary: 40, sentence: 40 } as const;

/** Style warnings for a zh-CN article: long title, long summary, long sentences. */
export function zhWarnings(file: ArticleFile, rel: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const meta = file.meta;
  if (!meta) return out;
  const title = length(meta.title);
  if (title > ZH_LIMITS.title) {
    const msg = `title is ${title} characters; keep Chinese titles to ${ZH_LIMITS.title}`;
    out.push(warning(rel, file.fieldLine('title'), 'TITLE_TOO_LONG', msg));
  }
  const summary = length(meta.summary);
  if (summary > ZH_LIMITS.summary) {
    const msg = `summary is ${summary} characters; keep Chinese summaries to ${ZH_LIMITS.summary}`;
    out.push(warning(rel, file.fieldLine('summary'), 'SUMMARY_TOO_LONG', msg));
  }
  file.body.split('\n').forEach((line, i) => {
    if (/^\s*\|/.test(line)) return;
    const plain = line.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/^[\s>#*\d.-]+|\*+/g, '');
    const longest = Math.max(0, ...plain.split(/[。！？；!?;]/).map(length));
    if (longest > ZH_LIMITS.sentence) {
      const msg = `a sentence of ${longest} characters; Chinese sentences read best under 25, at most ${ZH_LIMITS.sentence}`;
      out.push(warning(rel, file.bodyFirstLine + i, 'LONG_SENTENCE', msg));
    }
  });
  return out;
}

function length(text: string): number {
  return Array.from(text.trim()).length;
}
