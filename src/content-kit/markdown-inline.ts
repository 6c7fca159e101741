import type { Node, PhrasingContent, Text } from 'mdast';
import type { Block, Inline } from '../protocol/content-doc.ts';
import { type Diagnostic, type DiagnosticCode, error } from './diagnostics.ts';

/** An image block whose `src` still names the file in the article folder. */
export type ImageBlock = Extract<Block, { t: 'image' }>;

/** Where a body is being converted, and what the conversion found. */
export interface BodyContext {
  file: string;
  /** Added to mdast lines: the body starts below the front matter. */
  lineOffset: number;
  diagnostics: Diagnostic[];
  images: { block: ImageBlock; line: number }[];
  links: { article: string; line: number }[];
}

/** The file line of an mdast node. */
export function lineOf(ctx: BodyContext, node: Node): number {
  return (node.position?.start.line ?? 1) + ctx.lineOffset;
}

/** Reports a diagnostic at a node. */
export function report(ctx: BodyContext, node: Node, code: DiagnosticCode, message: string): void {
  ctx.diagnostics.push(error(ctx.file, lineOf(ctx, node), code, message));
}

/** Converts phrasing content; `where` names the container when images are not allowed there. */
export function inlines(ctx: BodyContext, nodes: PhrasingContent[], where = 'text'): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const inline = convert(ctx, node, where);
    if (!inline) continue;
    const last = out[out.length - 1];
    if (inline.t === 'text' && last?.t === 'text') last.v += inline.v;
    else out.push(inline);
  }
  return out;
}

function convert(ctx: BodyContext, node: PhrasingContent, where: string): Inline | undefined {
  switch (node.type) {
    case 'text':
      return text(ctx, node);
    case 'strong':
      return { t: 'strong', c: inlines(ctx, node.children, where) };
    case 'emphasis':
      return { t: 'em', c: inlines(ctx, node.children, where) };
    case 'break':
      return { t: 'br' };
    case 'link':
      return link(ctx, node.url, node, inlines(ctx, node.children, 'a link'));
    case 'html':
      // One report per line: `<b>x</b>` is one mistake, not two.
      if (
        !ctx.diagnostics.some(
          (d) => d.code === 'RAW_HTML' && d.file === ctx.file && d.line === lineOf(ctx, node),
        )
      ) {
        report(ctx, node, 'RAW_HTML', `raw HTML is not allowed: ${snippet(node.value)}`);
      }
      return undefined;
    case 'image':
      report(
        ctx,
        node,
        'UNSUPPORTED_MARKDOWN',
        `image inside ${where}: put each picture on a line of its own`,
      );
      return undefined;
    case 'inlineCode':
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', 'inline code (`...`) is not supported');
      return undefined;
    case 'linkReference':
    case 'imageReference':
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', 'reference-style link ([text][label]) is not supported');
      return undefined;
    case 'footnoteReference':
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', 'footnotes are not supported');
      return undefined;
    default:
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', `${node.type} is not supported`);
      return undefined;
  }
}

function text(ctx: BodyContext, node: Text): Inline | undefined {
  // Without the footnote extension, `[^1]` and `[^1]: ...` stay text: catch them here.
  if (/\[\^[^\]\s]+\]/.test(node.value))
    report(ctx, node, 'UNSUPPORTED_MARKDOWN', 'footnotes are not supported');
  // Markdown ignores `**` between a letter and punctuation (`的**"照片"**。`), which is easy to do in Chinese.
  if (/\*\*|__/.test(node.value)) report(ctx, node, 'UNSUPPORTED_MARKDOWN', STRAY_MARKERS);
  return node.value === '' ? undefined : { t: 'text', v: joinLines(node.value) };
}

const STRAY_MARKERS =
  '** or __ that does not make bold text: next to punctuation, put the markers inside it, e.g. "**照片**"';

function link(ctx: BodyContext, url: string, node: Node, c: Inline[]): Inline | undefined {
  const match = /^article:(.*)$/.exec(url);
  if (!match) {
    const msg = `link to ${url}: body links may only point at articles (article:<id>); web addresses belong in sources`;
    report(ctx, node, 'EXTERNAL_LINK', msg);
    return undefined;
  }
  const article = match[1] ?? '';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(article)) {
    report(ctx, node, 'BROKEN_LINK', `article:${article} is not a valid article id`);
    return undefined;
  }
  ctx.links.push({ article, line: lineOf(ctx, node) });
  return { t: 'link', article, c };
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Soft line breaks become a space, or nothing between two Chinese characters. */
function joinLines(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, (_, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _.length] ?? '';
    return CJK.test(before) && CJK.test(after) ? '' : ' ';
  });
}

function snippet(html: string): string {
  const line = html.trim().split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
