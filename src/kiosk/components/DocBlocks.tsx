import type { Block, Inline } from '../../protocol/content-doc.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';
import { PackImage } from './PackImage.tsx';

/** Plain text of inline content, for read-aloud. */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.t === 'text' ? n.v : n.t === 'br' ? ' ' : inlineText(n.c))).join('');
}

/** Plain text of a block, for read-aloud (pictures are read by their description). */
export function blockText(block: Block): string {
  switch (block.t) {
    case 'heading':
    case 'paragraph':
      return inlineText(block.c);
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${i + 1}. ` : ''}${item.map(blockText).join(' ')}`)
        .join(' ');
    case 'image':
      return block.alt;
    case 'table':
      return [block.head, ...block.rows].map((row) => row.map(inlineText).join(', ')).join('. ');
    case 'callout':
      return block.c.map(blockText).join(' ');
  }
}

function InlineNode({ node }: { node: Inline }) {
  const { session } = useKiosk();
  switch (node.t) {
    case 'text':
      return <>{node.v}</>;
    case 'strong':
      return (
        <strong>
          <Inlines nodes={node.c} />
        </strong>
      );
    case 'em':
      return (
        <em>
          <Inlines nodes={node.c} />
        </em>
      );
    case 'br':
      return <br />;
    case 'link':
      return (
        <button
          type="button"
          class="doc-link"
          onClick={() => session.go({ name: 'article', id: node.article })}
        >
          <Inlines nodes={node.c} />
        </button>
      );
  }
}

function Inlines({ nodes }: { nodes: readonly Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => (
        <InlineNode key={i} node={n} />
      ))}
    </>
  );
}

function DocBlock({ block }: { block: Block }) {
  switch (block.t) {
    case 'heading':
      return block.level === 2 ? (
        <h2>
          <Inlines nodes={block.c} />
        </h2>
      ) : (
        <h3>
          <Inlines nodes={block.c} />
        </h3>
      );
    case 'paragraph':
      return (
        <p>
          <Inlines nodes={block.c} />
        </p>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          {item.map((b, j) => (
            <DocBlock key={j} block={b} />
          ))}
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'image':
      return (
        <figure>
          <PackImage picture={block} />
        </figure>
      );
    case 'table':
      return (
        <div class="doc-table">
          <table>
            <thead>
              <tr>
                {block.head.map((cell, i) => (
                  <th key={i} scope="col">
                    <Inlines nodes={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>
                      <Inlines nodes={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'callout':
      return (
        <aside class={`callout callout--${block.kind}`}>
          <Icon name={block.kind === 'warning' ? 'emergency' : 'check'} />
          <div>
            {block.c.map((b, i) => (
              <DocBlock key={i} block={b} />
            ))}
          </div>
        </aside>
      );
  }
}

/** An article body. `reading` marks the block being read aloud. */
export function DocBlocks({ blocks, reading }: { blocks: readonly Block[]; reading?: number }) {
  return (
    <div class="doc">
      {blocks.map((block, i) => (
        <div key={i} class={i === reading ? 'doc-block is-reading' : 'doc-block'} data-block={i}>
          <DocBlock block={block} />
        </div>
      ))}
    </div>
  );
}
