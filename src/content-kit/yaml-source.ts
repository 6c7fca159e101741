import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A parsed YAML text that can say on which line of its file each node starts. */
export interface YamlSource {
  /** The plain value, or undefined when the text has syntax errors. */
  value: unknown;
  root: Node | null;
  syntaxErrors: { line: number; message: string }[];
  /** Line in the file of a node (the text may start below line 1 of its file). */
  lineOf(node: unknown, fallback: number): number;
  /** Line of the deepest node along a path of map keys and sequence indexes (a key's own line for maps). */
  lineAt(path: readonly (string | number)[], fallback: number): number;
}

/** Parses YAML that starts on line `firstLine` of its file. */
export function parseYaml(text: string, firstLine = 1): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineOfOffset = (offset: number) => counter.linePos(offset).line + firstLine - 1;
  const lineOf = (node: unknown, fallback: number): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineOfOffset(range[0]) : fallback;
  };
  const syntaxErrors = doc.errors.map((e) => ({
    line: lineOfOffset(e.pos[0]),
    message: shortMessage(e.message),
  }));
  const root = doc.contents;
  return {
    value: syntaxErrors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 50 }),
    root,
    syntaxErrors,
    lineOf,
    lineAt(path, fallback) {
      let node: unknown = root;
      let line = lineOf(root, fallback);
      for (const step of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step);
          if (!pair) break;
          line = lineOf(pair.key, line);
          node = pair.value;
        } else if (isSeq(node) && typeof step === 'number') {
          const item = node.items[step];
          if (!item) break;
          line = lineOf(item, line);
          node = item;
        } else break;
      }
      return line;
    },
  };
}

/** The first sentence of a YAML library message, without its position suffix. */
function shortMessage(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
