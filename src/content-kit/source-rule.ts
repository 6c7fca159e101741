import { sourceAddressProblem } from '../protocol/source-address.ts';
import type { DiagnosticCode } from './diagnostics.ts';

/** One thing wrong with a source, at a path inside it (`['title']`, `['url']`). */
export interface SourceIssue {
  path: ['title'] | ['url'] | [];
  code: Extract<DiagnosticCode, 'SOURCE_TITLE_MISSING' | 'SOURCE_URL_HOME_PAGE'>;
  message: string;
}

// What an editor writes when the document's own title is unknown: a site's name, "home page".
const PLACEHOLDER_TITLE = /\b(home ?page|homepage|website|web site)\b|首页|主页|官网|门户网站/i;

/**
 * The editorial rule for a source, beyond its shape: it is the document that says the fact,
 * named by its title as published and found at its own address, never a site's home page or a
 * title made up to describe the site. Shared by articles (`sources`) and quizzes (`source`).
 */
export function sourceIssues(source: unknown): SourceIssue[] {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return [];
  const issues: SourceIssue[] = [];
  const { title, publisher, url } = source as Record<string, unknown>;
  if (title === undefined || title === null || (typeof title === 'string' && title.trim() === '')) {
    issues.push({
      path: title === undefined ? [] : ['title'],
      code: 'SOURCE_TITLE_MISSING',
      message: 'a source needs the title of the document, as published',
    });
  } else if (typeof title === 'string') {
    const same = typeof publisher === 'string' && title.trim() === publisher.trim();
    if (same || PLACEHOLDER_TITLE.test(title)) {
      issues.push({
        path: ['title'],
        code: 'SOURCE_TITLE_MISSING',
        message: `"${title.trim()}" names a site or its publisher, not a document: give the document's title as published`,
      });
    }
  }
  if (typeof url === 'string') {
    const problem = sourceAddressProblem(url.trim());
    if (problem?.code === 'SOURCE_URL_HOME_PAGE') {
      issues.push({ path: ['url'], code: problem.code, message: problem.reason });
    }
  }
  return issues;
}
