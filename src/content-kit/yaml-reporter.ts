import * as v from 'valibot';
import type { LocalizedText } from '../protocol/content-doc.ts';
import { LOCALES } from '../protocol/locales.ts';
import { type Diagnostic, type DiagnosticCode, error } from './diagnostics.ts';
import { pathName } from './front-matter.ts';
import type { YamlSource } from './yaml-source.ts';

/** A path into a YAML file, e.g. ['steps', 3, 'target']. */
export type YamlPath = (string | number)[];

/**
 * Reports problems in a YAML content file at the line of the node a path points to; each
 * message starts with the whole path (`steps[3].target: ...`). `invalid` is the code of
 * malformed fields.
 */
export class YamlReporter {
  errors = 0;
  constructor(
    readonly file: string,
    readonly yaml: YamlSource,
    readonly diagnostics: Diagnostic[],
    readonly invalid: DiagnosticCode,
  ) {}

  /** The line a path points to. */
  line(path: YamlPath): number {
    return this.yaml.lineAt(path, 1);
  }

  report(path: YamlPath, code: DiagnosticCode, message: string): void {
    this.errors++;
    const text = path.length > 0 ? `${pathName(path)}: ${message}` : message;
    this.diagnostics.push(error(this.file, this.line(path), code, text));
  }

  /** Text in all three languages, or undefined after reporting what is missing. */
  localized(path: YamlPath, value: unknown): LocalizedText | undefined {
    if (!isRecord(value)) {
      this.report(path, this.invalid, 'must give the text in zh-CN, vi and en');
      return undefined;
    }
    const before = this.errors;
    for (const key of Object.keys(value)) {
      if ((LOCALES as readonly string[]).includes(key)) continue;
      // `{vi: Mẹ ơi, tối nay...}` in flow style: the comma cut the text, the rest became a key.
      const cut = !/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(key)
        ? '; a comma inside {...} ends a text, so put that text in quotes'
        : '';
      this.report([...path, key], this.invalid, `unknown field (languages are zh-CN, vi, en)${cut}`);
    }
    const out: Record<string, string> = {};
    for (const locale of LOCALES) {
      const text = value[locale];
      if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) {
        this.report(
          text === undefined ? path : [...path, locale],
          'MISSING_TRANSLATION',
          `no ${locale} text`,
        );
      } else if (typeof text !== 'string' && typeof text !== 'number') {
        this.report([...path, locale], this.invalid, 'must be text');
      } else out[locale] = String(text).trim();
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
    this.report([...path, ...inner], this.invalid, inner.length > 0 ? parsed.issues[0].message : message);
    return undefined;
  }

  /** Reports every key of a map that is not in `known`. */
  unknownKeys(path: YamlPath, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.report([...path, key], this.invalid, 'unknown field');
    }
  }
}

/** A plain object (a YAML map). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
