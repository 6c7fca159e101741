import { useState } from 'preact/hooks';
import { DiffView } from '../components/DiffView.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { GroupBadges } from '../components/GroupPicker.tsx';
import { Page, Section } from '../components/Page.tsx';
import { PreviewPanel } from '../components/PreviewPanel.tsx';
import { RollbackDialog } from '../components/RollbackDialog.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useConsole, useT } from '../context.ts';
import { formatBytes, formatDateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { ReleaseDetail } from '../types.ts';
import { GroupOptions } from './DraftPage.tsx';

/** One release: where it is live, how it differs from what a group has now, its articles. */
export function ReleasePage({ version }: { version: number }) {
  const { session, locale } = useConsole();
  const t = useT();
  const [against, setAgainst] = useState('*');
  const [preview, setPreview] = useState<string | undefined>(undefined);
  const [rollback, setRollback] = useState(false);
  const release = useLoad(
    () => session.api.get<ReleaseDetail>(`/releases/${version}?group=${encodeURIComponent(against)}`),
    [version, against],
  );
  const title = t('release.title', { version: String(version) });
  if (release.status !== 'ready') {
    return (
      <Page title={title}>
        {release.status === 'failed' ? <ErrorNote error={release.error} /> : t('common.loading')}
      </Page>
    );
  }
  const r = release.value;
  return (
    <Page
      title={title}
      actions={
        session.can('editor') && (
          <>
            <a class="button button--quiet" href={`/api/v1/admin/releases/${r.version}/pack.zip`} download>
              {t('content.export')}
            </a>
            <button type="button" class="button button--quiet" onClick={() => setRollback(true)}>
              {t('content.rollback')}
            </button>
          </>
        )
      }
    >
      <Section title={t('draft.summary')}>
        <dl class="facts">
          <div>
            <dt>{t('content.published')}</dt>
            <dd>{formatDateTime(locale.value, r.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('content.note')}</dt>
            <dd>{r.note || '—'}</dd>
          </div>
          <div>
            <dt>{t('content.liveFor')}</dt>
            <dd>
              <GroupBadges groups={r.activeGroups} />
            </dd>
          </div>
          <div>
            <dt>{t('release.publishedFor')}</dt>
            <dd>
              <GroupBadges groups={r.publishedGroups} />
            </dd>
          </div>
          <div>
            <dt>{t('content.size')}</dt>
            <dd>
              {t('release.size', {
                articles: r.articles,
                files: r.files,
                bytes: formatBytes(locale.value, r.bytes),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('release.key')}</dt>
            <dd>
              <code>{r.keyId}</code>
            </dd>
          </div>
          <div>
            <dt>{t('release.expires')}</dt>
            <dd>{formatDateTime(locale.value, r.expires)}</dd>
          </div>
        </dl>
      </Section>
      <Section
        title={t('release.diff')}
        actions={
          <SelectField inline label={t('draft.compareWith')} value={against} onChange={setAgainst}>
            <GroupOptions />
          </SelectField>
        }
      >
        <DiffView diff={r.diff} onPreview={setPreview} />
      </Section>
      <PreviewPanel files={r.fileList} article={preview} onArticle={setPreview} />
      {rollback && (
        <RollbackDialog
          release={r}
          onClose={(done) => {
            setRollback(false);
            if (done) release.reload();
          }}
        />
      )}
    </Page>
  );
}
