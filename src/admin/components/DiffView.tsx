import type { Locale } from '../../protocol/locales.ts';
import { useConsole, useT } from '../context.ts';
import { formatBytes, formatNumber } from '../format.ts';
import type { ReleaseDiff } from '../types.ts';
import { DataTable } from './DataTable.tsx';

/** What publishing would change against the live release: counts, bytes per kiosk, and each article. */
export function DiffView({ diff, onPreview }: { diff: ReleaseDiff; onPreview?: (id: string) => void }) {
  const { locale } = useConsole();
  const t = useT();
  const count = (change: string) => diff.articles.filter((a) => a.change === change).length;
  const l = locale.value;
  return (
    <div class="diff">
      <p>
        {diff.against === null ? t('diff.nothingLive') : t('diff.against', { version: String(diff.against) })}
      </p>
      <dl class="stats">
        <Stat label={t('diff.added')} value={formatNumber(l, count('added'))} />
        <Stat label={t('diff.changed')} value={formatNumber(l, count('changed'))} />
        <Stat label={t('diff.removed')} value={formatNumber(l, count('removed'))} />
        <Stat label={t('diff.unchanged')} value={formatNumber(l, diff.unchangedArticles)} />
        <Stat
          label={t('diff.download')}
          value={formatBytes(l, diff.download.bytes)}
          note={t('diff.downloadNote', {
            files: diff.download.files,
            total: formatBytes(l, diff.total.bytes),
          })}
        />
      </dl>
      {diff.quizzes.length > 0 && (
        <p>
          {t('diff.quizzes')}{' '}
          {diff.quizzes.map((q) => `${t(`topic.${q.topic}` as never)} (${t(`diff.${q.change}`)})`).join(', ')}
        </p>
      )}
      <DataTable
        caption={t('diff.articles')}
        rows={diff.articles}
        rowKey={(a) => a.id}
        empty={t('diff.noArticleChanges')}
        columns={[
          {
            key: 'change',
            label: t('diff.change'),
            cell: (a) => <span class={`badge badge--${a.change}`}>{t(`diff.${a.change}`)}</span>,
            sort: (a) => a.change,
          },
          {
            key: 'title',
            label: t('diff.titleColumn'),
            cell: (a) => title(a.entry?.title, l) ?? a.id,
            sort: (a) => a.id,
          },
          {
            key: 'topic',
            label: t('diff.topic'),
            cell: (a) => (a.entry ? t(`topic.${a.entry.topic}` as never) : '—'),
          },
          {
            key: 'audience',
            label: t('diff.audience'),
            cell: (a) => (a.entry ? t(`audience.${a.entry.audience}` as never) : '—'),
          },
          { key: 'id', label: t('diff.id'), cell: (a) => <code>{a.id}</code> },
          ...(onPreview
            ? [
                {
                  key: 'preview',
                  label: t('common.actions'),
                  cell: (a: ReleaseDiff['articles'][number]) =>
                    a.change === 'removed' ? null : (
                      <button
                        type="button"
                        class="button button--quiet button--small"
                        onClick={() => onPreview(a.id)}
                      >
                        {t('preview.open')}
                      </button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

function title(text: Record<Locale, string> | undefined, locale: Locale): string | undefined {
  return text?.[locale];
}

/** One figure with its label. */
export function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>
        <span class="stat__value">{value}</span>
        {note && <span class="stat__note">{note}</span>}
      </dd>
    </div>
  );
}
