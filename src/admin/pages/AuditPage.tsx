import { DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Page } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { AuditEntry } from '../types.ts';

/** The newest 500 admin actions: who did what, when. */
export function AuditPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const log = useLoad(() => session.api.get<AuditEntry[]>('/audit'), []);
  return (
    <Page title={t('audit.title')} intro={t('audit.intro')}>
      {log.status === 'failed' && <ErrorNote error={log.error} />}
      <DataTable
        caption={t('audit.caption')}
        rows={log.status === 'ready' ? log.value : []}
        rowKey={(e) => `${e.at}-${e.action}-${e.detail}`}
        columns={[
          {
            key: 'at',
            label: t('station.at'),
            cell: (e) => formatDateTime(locale.value, e.at),
            sort: (e) => e.at,
          },
          {
            key: 'who',
            label: t('audit.who'),
            cell: (e) => e.username ?? t('audit.system'),
            sort: (e) => e.username ?? '',
          },
          {
            key: 'action',
            label: t('audit.action'),
            cell: (e) => <code>{e.action}</code>,
            sort: (e) => e.action,
          },
          { key: 'detail', label: t('audit.detail'), cell: (e) => e.detail },
        ]}
        initialSort={{ key: 'at', descending: true }}
      />
    </Page>
  );
}
