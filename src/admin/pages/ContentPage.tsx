import { useState } from 'preact/hooks';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { GroupBadges } from '../components/GroupPicker.tsx';
import { Link } from '../components/Link.tsx';
import { Page, Section } from '../components/Page.tsx';
import { RollbackDialog } from '../components/RollbackDialog.tsx';
import { useConsole, useT } from '../context.ts';
import { formatBytes, formatDateTime, formatNumber } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { Diagnostic, DraftView, ReleaseSummary } from '../types.ts';

/** Upload content to check and publish; every release with export and rollback. */
export function ContentPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const releases = useLoad(() => session.api.get<ReleaseSummary[]>('/releases'), []);
  const [rollback, setRollback] = useState<ReleaseSummary | null>(null);
  const editor = session.can('editor');
  return (
    <Page title={t('content.title')} intro={t('content.intro')}>
      {editor && <UploadForm />}
      <Section title={t('content.releases')}>
        {releases.status === 'failed' && <ErrorNote error={releases.error} />}
        {releases.status === 'ready' && (
          <DataTable
            caption={t('content.releasesCaption')}
            rows={releases.value}
            rowKey={(r) => String(r.version)}
            columns={[
              {
                key: 'version',
                label: t('content.version'),
                cell: (r) => <Link to={{ page: 'release', version: r.version }}>{r.version}</Link>,
                sort: (r) => r.version,
                numeric: true,
              },
              {
                key: 'created',
                label: t('content.published'),
                cell: (r) => formatDateTime(locale.value, r.createdAt),
                sort: (r) => r.createdAt,
              },
              { key: 'note', label: t('content.note'), cell: (r) => r.note },
              {
                key: 'live',
                label: t('content.liveFor'),
                cell: (r) => <GroupBadges groups={r.activeGroups} />,
              },
              {
                key: 'size',
                label: t('content.size'),
                cell: (r) =>
                  `${formatNumber(locale.value, r.articles)} · ${formatBytes(locale.value, r.bytes)}`,
                numeric: true,
              },
              ...(editor
                ? [
                    {
                      key: 'actions',
                      label: t('common.actions'),
                      cell: (r: ReleaseSummary) => (
                        <span class="row-actions">
                          <a
                            class="button button--quiet button--small"
                            href={`/api/v1/admin/releases/${r.version}/pack.zip`}
                            download
                          >
                            {t('content.export')}
                          </a>
                          <button
                            type="button"
                            class="button button--quiet button--small"
                            onClick={() => setRollback(r)}
                          >
                            {t('content.rollback')}
                          </button>
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
            initialSort={{ key: 'version', descending: true }}
          />
        )}
      </Section>
      {rollback && (
        <RollbackDialog
          release={rollback}
          onClose={(done) => {
            setRollback(null);
            if (done) releases.reload();
          }}
        />
      )}
    </Page>
  );
}

/** Choose a zip, send it to the hub, and show what the compiler says. */
function UploadForm() {
  const { session, router } = useConsole();
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const action = useAction();
  const diagnostics = (action.error?.body.diagnostics ?? []) as Diagnostic[];
  return (
    <Section title={t('upload.title')}>
      <p>{t('upload.help')}</p>
      <form
        class="form upload-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!file) return;
          const draft = await action.run(() =>
            session.api.upload<DraftView>(`/drafts?name=${encodeURIComponent(file.name)}`, file),
          );
          if (draft) router.go({ page: 'draft', id: draft.id });
        }}
      >
        <label class="field">
          <span class="field__label">{t('upload.file')}</span>
          <input
            type="file"
            name="archive"
            accept=".zip,application/zip"
            required
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              action.clear();
            }}
          />
        </label>
        <button type="submit" class="button" disabled={!file || action.busy}>
          {action.busy ? t('upload.checking') : t('upload.submit')}
        </button>
      </form>
      <ErrorNote error={action.error} />
      {diagnostics.length > 0 && (
        <Diagnostics title={t('upload.errors', { count: diagnostics.length })} list={diagnostics} />
      )}
    </Section>
  );
}

/** Compiler findings as `file:line` with the code and message, in reading order. */
export function Diagnostics({ title, list }: { title: string; list: readonly Diagnostic[] }) {
  return (
    <div class="diagnostics">
      <h3>{title}</h3>
      <ol>
        {list.map((d, i) => (
          <li key={i} class={`diagnostic diagnostic--${d.severity}`}>
            <code class="diagnostic__where">
              {d.file}:{d.line}
            </code>{' '}
            <span class="diagnostic__code">{d.code}</span> <span>{d.message}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
