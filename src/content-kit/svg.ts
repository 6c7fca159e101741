/** A problem found in an SVG file, with its 1-based line. */
export interface SvgFinding {
  line: number;
  message: string;
}

const FORBIDDEN_ELEMENTS = /<\s*(script|foreignObject|iframe|embed|object|handler)\b/gi;

/**
 * Finds what could run code or fetch from elsewhere in an SVG: scripts, foreign content, event
 * handler attributes, non-local references, and entity declarations.
 */
export function checkSvg(text: string): SvgFinding[] {
  const found: SvgFinding[] = [];
  const at = (index: number, message: string) => found.push({ line: lineAt(text, index), message });
  for (const m of text.matchAll(/<!ENTITY/gi)) at(m.index, '<!ENTITY declaration');
  for (const m of text.matchAll(FORBIDDEN_ELEMENTS)) at(m.index, `<${m[1]}> element`);
  for (const tag of text.matchAll(/<[^>]*>/g)) {
    for (const attr of tag[0].matchAll(/\s((?:[\w-]+:)?[\w-]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
      const name = attr[1] ?? '';
      const value = (attr[2] ?? '').slice(1, -1).trim();
      const index = tag.index + (attr.index ?? 0) + 1;
      if (/^on/i.test(name)) at(index, `event handler attribute ${name}`);
      else if (/(^|:)href$/i.test(name) && !value.startsWith('#')) at(index, `reference ${name}="${value}"`);
    }
  }
  for (const m of text.matchAll(/url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) {
    if (!(m[2] ?? '').trim().startsWith('#')) at(m.index, `reference url(${m[2]})`);
  }
  for (const m of text.matchAll(/@import\b/gi)) at(m.index, '@import in a style');
  return found.sort((a, b) => a.line - b.line);
}

/** Intrinsic size from the root element's viewBox, else its width and height attributes. */
export function svgSize(text: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(root)?.[1];
  const box = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length === 4 && box.every(Number.isFinite)) return sized(box[2] ?? 0, box[3] ?? 0);
  const px = (value: string | undefined) =>
    value && /^\d+(\.\d+)?(px)?$/.test(value) ? Number.parseFloat(value) : 0;
  return sized(px(attr('width')), px(attr('height')));
}

function sized(width: number, height: number): { width: number; height: number } | undefined {
  const w = Math.round(width);
  const h = Math.round(height);
  return w >= 1 && h >= 1 && w <= 10_000 && h <= 10_000 ? { width: w, height: h } : undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
