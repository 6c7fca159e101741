import * as v from 'valibot';
import type { LocalizedText } from '../protocol/content-doc.ts';
import { LOCALES } from '../protocol/locales.ts';
import { type Diagnostic, type DiagnosticCode, error } from './diagnostics.ts';
import { pathName } from './front-matter.ts';
import type { YamlSource } from './yaml-source.ts';

/** A path into a quiz file, e.g. ['questions', 3, 'answer']. */
export type YamlPath = (string | number)[];

/** Reports quiz problems at the line of the node a path points to. */
export class QuizReporter {
  errors = 0;
  constructor(
    readonly file: string,
    readonly yaml: YamlSource,
    readonly diagnostics: Diagnostic[],
  ) {}

  /** Reports at the path's node; the message starts with the field's name. */
  report(path: YamlPath, code: DiagnosticCode, message: string): void {
    this.errors++;
    const field = path.slice(2);
    const text = field.length > 0 ? `${pathName(field)}: ${message}` : message;
    this.diagnostics.push(error(this.file, this.yaml.lineAt(path, 1), code, text));
  }

  /** Text in all three languages, or undefined after reporting what is missing. */
  localized(path: YamlPath, value: unknown, extraKeys: readonly string[] = []): LocalizedText | undefined {
    if (!isRecord(value)) {
      this.report(path, 'QUIZ_INVALID', 'must give the text in zh-CN, vi and en');
      return undefined;
    }
    const before = this.errors;
    for (const key of Object.keys(value)) {
      if (!(LOCALES as readonly string[]).includes(key) && !extraKeys.includes(key)) {
        this.report([...path, key], 'QUIZ_INVALID', 'unknown field (languages are zh-CN, vi, en)');
      }
    }
    const out: Record<string, string> = {};
    for (const locale of LOCALES) {
      const text = value[locale];
      if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) {
        const at = text === undefined ? path : [...path, locale];
        this.report(at, 'MISSING_TRANSLATION', `no ${locale} text`);
      } else if (typeof text !== 'string') {
        this.report([...path, locale], 'QUIZ_INVALID', 'must be text');
      } else out[locale] = text.trim();
    }
    return this.errors === before ? (out as LocalizedText) : undefined;
  }

  /** The value if the schema accepts it, else undefined after reporting the first issue. */
  field<T>(
    path: YamlPath,
    value: unknown,
    schema: v.GenericSchema<unknown, T>,
    message: string,
  ): T | undefined {
    const parsed = v.safeParse(schema, value);
    if (parsed.success) return parsed.output;
    const inner = (parsed.issues[0].path ?? []).map((p) => p.key as string | number);
    this.report([...path, ...inner], 'QUIZ_INVALID', inner.length > 0 ? parsed.issues[0].message : message);
    return undefined;
  }
}

/** A plain object (a YAML map). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
