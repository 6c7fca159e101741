import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleDoc } from '../../protocol/content-doc.ts';
import { DocBlocks } from '../components/DocBlocks.tsx';
import { Icon } from '../components/Icon.tsx';
import { PackImage } from '../components/PackImage.tsx';
import { TakeHome } from '../components/TakeHome.tsx';
import { useLoad } from '../components/use-load.ts';
import { usePager } from '../components/use-pager.ts';
import { useReadAloud } from '../components/use-read-aloud.ts';
import { formatDate } from '../i18n/index.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

/** An article: title, cover, body in large type, sources; paging buttons, read-aloud, QR. */
export function ArticleScreen({ id }: { id: string }) {
  const { content, session } = useKiosk();
  const t = useT();
  const locale = session.locale.value;
  const doc = useLoad(() => content.article(id, locale), [id, locale]);

  if (doc.status === 'loading') {
    return (
      <p class="screen-status" role="status">
        {t('screen.loading')}
      </p>
    );
  }
  if (doc.status === 'failed') return <ContentUnavailable />;
  return <ArticleView doc={doc.value} />;
}

/** The calm message when content cannot be shown (damaged, missing or unreachable). */
export function ContentUnavailable() {
  const t = useT();
  return (
    <div class="empty-state" role="alert">
      <h1>{t('content.unavailableTitle')}</h1>
      <p>{t('content.unavailable')}</p>
    </div>
  );
}

function ArticleView({ doc }: { doc: ArticleDoc }) {
  const { config, usage } = useKiosk();
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  const pager = usePager(ref);
  const reader = useReadAloud(doc);
  const [showQr, setShowQr] = useState(false);
  const hubUrl = config.value.hubUrl;

  // Counted once per visit: opened, and read to the end.
  useEffect(() => usage.count('article_open', doc.id), [doc.id, usage]);
  const [completed, setCompleted] = useState(false);
  useEffect(() => {
    if (pager.atBottom && !pager.atTop && !completed) {
      setCompleted(true);
      usage.count('article_complete', doc.id);
    }
  }, [pager.atBottom, pager.atTop, completed, doc.id, usage]);

  // Keep the block being read in view.
  useEffect(() => {
    if (reader.reading === undefined || reader.reading < 0) return;
    ref.current?.querySelector(`[data-block="${reader.reading}"]`)?.scrollIntoView({ block: 'center' });
  }, [reader.reading]);

  return (
    <div class="reader" data-topic={doc.topic}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable for keyboard users (axe scrollable-region-focusable) */}
      <article class="reader__article" ref={ref} lang={doc.locale} tabIndex={0}>
        <h1 class={reader.reading === -1 ? 'is-reading' : undefined}>{doc.title}</h1>
        <p class="reader__summary">{doc.summary}</p>
        <PackImage picture={doc.cover} class="reader__cover" />
        <DocBlocks blocks={doc.body} reading={reader.reading} />
        <section class="reader__sources">
          <h2>{t('article.sources')}</h2>
          <ol>
            {doc.sources.map((s) => (
              <li key={s.url}>
                {s.publisher}. <cite>{s.title}</cite>. {s.year}. <span class="reader__url">{s.url}</span>
              </li>
            ))}
          </ol>
          <p>
            {t('article.reviewed', { date: formatDate(doc.locale, new Date(`${doc.reviewed}T12:00:00Z`)) })}
          </p>
        </section>
      </article>
      <div class="reader__tools" role="toolbar" aria-label={t('article.tools')}>
        <button type="button" class="tool-button" onClick={pager.up} disabled={pager.atTop}>
          <Icon name="up" />
          <span>{t('article.up')}</span>
        </button>
        <button type="button" class="tool-button" onClick={pager.down} disabled={pager.atBottom}>
          <Icon name="down" />
          <span>{t('article.down')}</span>
        </button>
        {reader.mode !== 'none' && (
          <button
            type="button"
            class="tool-button tool-button--toggle"
            aria-pressed={reader.playing}
            onClick={() => {
              if (reader.playing) return reader.stop();
              usage.count('read_aloud', `article:${doc.id}`);
              void reader.start();
            }}
          >
            <Icon name={reader.playing ? 'stop' : 'speaker'} />
            <span>{reader.playing ? t('article.stopListening') : t('article.listen')}</span>
          </button>
        )}
        {hubUrl && (
          <button
            type="button"
            class="tool-button"
            onClick={() => {
              usage.count('qr_shown', doc.id);
              setShowQr(true);
            }}
          >
            <Icon name="qr" />
            <span>{t('article.takeHome')}</span>
          </button>
        )}
      </div>
      {showQr && hubUrl && (
        <TakeHome
          url={`${hubUrl.replace(/\/$/, '')}/a/${doc.id}?lang=${doc.locale}`}
          onClose={() => setShowQr(false)}
        />
      )}
    </div>
  );
}
