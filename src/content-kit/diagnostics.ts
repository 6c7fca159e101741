/** Every diagnostic code the compiler reports; errors stop a build, warnings do not. */
export type DiagnosticCode =
  | 'FRONTMATTER_MISSING'
  | 'YAML_SYNTAX'
  | 'FIELD_INVALID'
  | 'UNKNOWN_TOPIC'
  | 'TOPIC_FOLDER_MISMATCH'
  | 'ID_FOLDER_MISMATCH'
  | 'DUPLICATE_ID'
  | 'MISSING_TRANSLATION'
  | 'SHARED_FIELD_MISMATCH'
  | 'IMAGE_NOT_FOUND'
  | 'IMAGE_ALT_MISSING'
  | 'IMAGE_INVALID'
  | 'IMAGE_TOO_LARGE'
  | 'UNSAFE_SVG'
  | 'BROKEN_LINK'
  | 'EXTERNAL_LINK'
  | 'RAW_HTML'
  | 'UNSUPPORTED_MARKDOWN'
  | 'ANSWER_OUT_OF_RANGE'
  | 'QUIZ_INVALID'
  | 'UNKNOWN_ARTICLE'
  | 'TUTORIAL_INVALID'
  | 'ID_FILE_MISMATCH'
  | 'UNKNOWN_SCREEN'
  | 'UNKNOWN_ELEMENT'
  | 'UNREACHABLE_SCREEN'
  | 'STEP_COUNT'
  | 'STEP_SCREEN_MISMATCH'
  | 'BOX_OUTSIDE_PHONE'
  | 'TARGET_TOO_SMALL'
  | 'ACTION_MISMATCH'
  | 'TITLE_TOO_LONG'
  | 'SUMMARY_TOO_LONG'
  | 'LONG_SENTENCE'
  | 'SOURCE_TITLE_MISSING'
  | 'SOURCE_URL_HOME_PAGE'
  | 'ANSWER_CUE';

/** One finding about one line of one content file. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Path relative to the repository root, e.g. `content/articles/health/x/zh-CN.md`. */
  file: string;
  /** 1-based line. */
  line: number;
  code: DiagnosticCode | (string & {});
  message: string;
}

/** The one-line form editors and terminals understand: `file:line: severity CODE: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity} ${d.code}: ${d.message}`;
}

/** An error diagnostic. */
export function error(file: string, line: number, code: DiagnosticCode, message: string): Diagnostic {
  return { severity: 'error', file, line, code, message };
}

/** A warning diagnostic: reported, but the build goes on. */
export function warning(file: string, line: number, code: DiagnosticCode, message: string): Diagnostic {
  return { severity: 'warning', file, line, code, message };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Diagnostics in reading order: by file, then line, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      compare(a.file, b.file) || a.line - b.line || compare(a.code, b.code) || compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
