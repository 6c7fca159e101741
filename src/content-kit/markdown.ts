import type { Blockquote, Paragraph, PhrasingContent, RootContent, Table, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Block, Inline } from '../protocol/content-doc.ts';
import { type BodyContext, type ImageBlock, inlines, report } from './markdown-inline.ts';

/** The conversion context and image block types, re-exported for callers of `convertBody`. */
export type { BodyContext, ImageBlock } from './markdown-inline.ts';

/** Where a block sits: the top level, a list item (with its depth) or a callout. */
interface Place {
  listDepth: number;
  inCallout: boolean;
}

const CALLOUT = /^\[!([A-Za-z]+)\][ \t]*\n?/;

/** Parses a Markdown body into the kiosk's restricted block tree, reporting what it refuses. */
export function convertBody(markdown: string, ctx: BodyContext): Block[] {
  const tree = fromMarkdown(markdown, {
    extensions: [gfmTable()],
    mdastExtensions: [gfmTableFromMarkdown()],
  });
  return blocks(ctx, tree.children, { listDepth: 0, inCallout: false });
}

function blocks(ctx: BodyContext, nodes: RootContent[], place: Place): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    const block = convert(ctx, node, place);
    if (block) out.push(block);
  }
  return out;
}

function where(place: Place): string {
  return place.inCallout ? 'a callout' : 'a list';
}

function convert(ctx: BodyContext, node: RootContent, place: Place): Block | undefined {
  const nested = place.listDepth > 0 || place.inCallout;
  switch (node.type) {
    case 'paragraph':
      return paragraph(ctx, node);
    case 'heading':
      if (node.depth === 1) {
        report(
          ctx,
          node,
          'UNSUPPORTED_MARKDOWN',
          'heading # (level 1): the title comes from the front matter',
        );
      } else if (node.depth > 3) {
        const marks = '#'.repeat(node.depth);
        report(ctx, node, 'UNSUPPORTED_MARKDOWN', `heading ${marks} (level ${node.depth}): use ## or ###`);
      } else if (nested) {
        report(ctx, node, 'UNSUPPORTED_MARKDOWN', `heading inside ${where(place)}`);
      } else {
        return { t: 'heading', level: node.depth as 2 | 3, c: inlines(ctx, node.children) };
      }
      return undefined;
    case 'list': {
      if (place.listDepth >= 2) {
        report(ctx, node, 'UNSUPPORTED_MARKDOWN', 'list nested deeper than one level');
        return undefined;
      }
      const inner = { listDepth: place.listDepth + 1, inCallout: place.inCallout };
      const items = node.children.map((item) => blocks(ctx, item.children, inner));
      return { t: 'list', ordered: node.ordered === true, items };
    }
    case 'blockquote':
      return callout(ctx, node, place);
    case 'table':
      if (nested) {
        report(ctx, node, 'UNSUPPORTED_MARKDOWN', `table inside ${where(place)}`);
        return undefined;
      }
      return table(ctx, node);
    case 'html':
      report(
        ctx,
        node,
        'RAW_HTML',
        `raw HTML is not allowed: ${node.value.trim().split('\n')[0]?.slice(0, 40)}`,
      );
      return undefined;
    case 'code':
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', 'code block is not supported');
      return undefined;
    case 'thematicBreak':
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', 'thematic break (---) is not supported: use a ## heading');
      return undefined;
    case 'definition': {
      const what = node.label?.startsWith('^') ? 'footnotes are' : 'link reference definition is';
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', `${what} not supported`);
      return undefined;
    }
    default:
      report(ctx, node, 'UNSUPPORTED_MARKDOWN', `${node.type} is not supported`);
      return undefined;
  }
}

function paragraph(ctx: BodyContext, node: Paragraph): Block | undefined {
  const meaningful = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = meaningful[0];
  if (meaningful.length === 1 && only?.type === 'image') {
    const block: ImageBlock = { t: 'image', src: only.url, alt: only.alt?.trim() ?? '', width: 1, height: 1 };
    ctx.images.push({ block, line: (only.position?.start.line ?? 1) + ctx.lineOffset });
    return block;
  }
  const c = inlines(ctx, node.children);
  return c.length > 0 ? { t: 'paragraph', c } : undefined;
}

function callout(ctx: BodyContext, node: Blockquote, place: Place): Block | undefined {
  const first = node.children[0];
  const head = first?.type === 'paragraph' ? first.children[0] : undefined;
  const marker = head?.type === 'text' ? CALLOUT.exec(head.value) : null;
  const kind = marker?.[1]?.toUpperCase();
  if (!head || !marker || (kind !== 'WARNING' && kind !== 'TIP')) {
    const what = marker ? `callout [!${marker[1]}]` : 'quote block';
    report(ctx, node, 'UNSUPPORTED_MARKDOWN', `${what}: only [!WARNING] and [!TIP] callouts are supported`);
    return undefined;
  }
  if (place.inCallout || place.listDepth > 0) {
    report(ctx, node, 'UNSUPPORTED_MARKDOWN', `callout inside ${where(place)}`);
    return undefined;
  }
  const rest: PhrasingContent[] = [
    { ...(head as Text), value: (head as Text).value.slice(marker[0].length) },
  ];
  const firstParagraph = first as Paragraph;
  const children: RootContent[] = [
    { ...firstParagraph, children: [...rest, ...firstParagraph.children.slice(1)] },
    ...node.children.slice(1),
  ];
  const before = ctx.diagnostics.length;
  const c = blocks(ctx, children, { listDepth: 0, inCallout: true });
  if (c.length === 0 && ctx.diagnostics.length === before) {
    report(
      ctx,
      node,
      'UNSUPPORTED_MARKDOWN',
      'empty callout: write the warning or tip after the marker line',
    );
    return undefined;
  }
  return { t: 'callout', kind: kind === 'WARNING' ? 'warning' : 'tip', c };
}

function table(ctx: BodyContext, node: Table): Block {
  const rows: Inline[][][] = node.children.map((row) =>
    row.children.map((cell) => inlines(ctx, cell.children, 'a table')),
  );
  return { t: 'table', head: rows[0] ?? [], rows: rows.slice(1) };
}
