import { useEffect, useState } from 'preact/hooks';
import type { ArticleDoc, Block, Inline } from '../../protocol/content-doc.ts';
import type { PackFile } from '../../protocol/pack-manifest.ts';
import { useT } from '../context.ts';
import { fetchBlob } from './blobs.ts';

/** A pack picture as the kiosk shows it: the bytes from the hub, under the manifest's type. */
function PackPicture(props: {
  files: readonly PackFile[];
  src: string;
  alt: string;
  width: number;
  height: number;
}) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const file = props.files.find((f) => f.path === props.src);
    if (!file) return;
    let made: string | undefined;
    void fetchBlob(file).then((blob) => {
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [props.src, props.files]);
  return url ? (
    <img src={url} alt={props.alt} width={props.width} height={props.height} class="kp-image" />
  ) : (
    <span class="kp-image kp-image--loading" role="img" aria-label={props.alt} />
  );
}

function Inlines({ nodes, onLink }: { nodes: readonly Inline[]; onLink: (id: string) => void }) {
  return (
    <>
      {nodes.map((n, i) => (
        <InlineNode key={i} node={n} onLink={onLink} />
      ))}
    </>
  );
}

function InlineNode({ node: n, onLink }: { node: Inline; onLink: (id: string) => void }) {
  switch (n.t) {
    case 'text':
      return <>{n.v}</>;
    case 'br':
      return <br />;
    case 'strong':
      return (
        <strong>
          <Inlines nodes={n.c} onLink={onLink} />
        </strong>
      );
    case 'em':
      return (
        <em>
          <Inlines nodes={n.c} onLink={onLink} />
        </em>
      );
    case 'link':
      return (
        <button type="button" class="kp-link" onClick={() => onLink(n.article)}>
          <Inlines nodes={n.c} onLink={onLink} />
        </button>
      );
  }
}

function DocBlock({
  block,
  files,
  onLink,
}: {
  block: Block;
  files: readonly PackFile[];
  onLink: (id: string) => void;
}) {
  const inl = (c: readonly Inline[]) => <Inlines nodes={c} onLink={onLink} />;
  switch (block.t) {
    // One level below the article title, which sits under the page's section heading.
    case 'heading':
      return block.level === 2 ? <h4>{inl(block.c)}</h4> : <h5>{inl(block.c)}</h5>;
    case 'paragraph':
      return <p>{inl(block.c)}</p>;
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          {item.map((b, j) => (
            <DocBlock key={j} block={b} files={files} onLink={onLink} />
          ))}
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'image':
      return (
        <figure>
          <PackPicture
            files={files}
            src={block.src}
            alt={block.alt}
            width={block.width}
            height={block.height}
          />
        </figure>
      );
    case 'table':
      return (
        <table class="kp-table">
          <thead>
            <tr>
              {block.head.map((c, i) => (
                <th key={i} scope="col">
                  {inl(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, i) => (
              <tr key={i}>
                {row.map((c, j) => (
                  <td key={j}>{inl(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'callout':
      return (
        <aside class={`kp-callout kp-callout--${block.kind}`}>
          {block.c.map((b, i) => (
            <DocBlock key={i} block={b} files={files} onLink={onLink} />
          ))}
        </aside>
      );
  }
}

/**
 * An article as the kiosk's reader lays it out: title, summary, cover, the same block types,
 * sources and the review date, in the kiosk's colours and type. Rendered from the same safe
 * document tree the kiosk gets, so there is no HTML to trust.
 */
export function ArticlePreview(props: {
  doc: ArticleDoc;
  files: readonly PackFile[];
  onLink: (id: string) => void;
}) {
  const t = useT();
  const { doc } = props;
  return (
    <article class="kp-frame" lang={doc.locale}>
      <h3 class="kp-title">{doc.title}</h3>
      <p class="kp-summary">{doc.summary}</p>
      <PackPicture files={props.files} {...doc.cover} />
      {doc.body.map((b, i) => (
        <DocBlock key={i} block={b} files={props.files} onLink={props.onLink} />
      ))}
      <footer class="kp-sources">
        <h4>{t('preview.sources')}</h4>
        <ol>
          {doc.sources.map((s) => (
            <li key={s.url}>
              {s.publisher}. {s.title}. {s.year}.
            </li>
          ))}
        </ol>
        <p>{t('preview.reviewed', { date: doc.reviewed })}</p>
      </footer>
    </article>
  );
}
