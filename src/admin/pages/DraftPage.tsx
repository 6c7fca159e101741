import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DiffView } from '../components/DiffView.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { GroupPicker, groupLabel } from '../components/GroupPicker.tsx';
import { Page, Section } from '../components/Page.tsx';
import { PreviewPanel } from '../components/PreviewPanel.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useConsole, useT } from '../context.ts';
import { formatBytes, formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { DraftView, ReleaseSummary } from '../types.ts';
import { Diagnostics } from './ContentPage.tsx';

/** A checked upload: what it changes, how its articles look on a kiosk, and publishing it. */
export function DraftPage({ id }: { id: string }) {
  const { session, locale } = useConsole();
  const t = useT();
  const [against, setAgainst] = useState('*');
  const draft = useLoad(
    () =>
      session.api.get<DraftView>(`/drafts/${encodeURIComponent(id)}?group=${encodeURIComponent(against)}`),
    [id, against],
  );
  const [preview, setPreview] = useState<string | undefined>(undefined);
  if (draft.status === 'loading') return <Page title={t('draft.title')}>{t('common.loading')}</Page>;
  if (draft.status === 'failed') {
    return (
      <Page title={t('draft.title')}>
        <ErrorNote error={draft.error} />
      </Page>
    );
  }
  const d = draft.value;
  return (
    <Page title={t('draft.title')} intro={t('draft.intro')}>
      <Section title={t('draft.summary')}>
        <dl class="facts">
          <Fact term={t('draft.source')} value={d.source} />
          <Fact
            term={t('draft.kind')}
            value={d.kind === 'pack' ? t('draft.kindPack', { key: d.keyId ?? '' }) : t('draft.kindContent')}
          />
          <Fact term={t('draft.uploaded')} value={formatDateTime(locale.value, d.createdAt)} />
          <Fact term={t('draft.articles')} value={String(d.articles)} />
          {d.kind === 'content' && <Fact term={t('draft.questions')} value={String(d.questions)} />}
          {d.version !== undefined && <Fact term={t('content.version')} value={String(d.version)} />}
          <Fact term={t('content.size')} value={formatBytes(locale.value, d.diff.total.bytes)} />
        </dl>
        {d.versionTooLow && (
          <p class="error-note" role="alert">
            {t('draft.versionTooLow', { version: String(d.version ?? 0) })}
          </p>
        )}
        {d.warnings.length > 0 && (
          <Diagnostics title={t('draft.warnings', { count: d.warnings.length })} list={d.warnings} />
        )}
      </Section>
      <Section
        title={t('draft.diff')}
        actions={
          <SelectField inline label={t('draft.compareWith')} value={against} onChange={setAgainst}>
            <GroupOptions />
          </SelectField>
        }
      >
        <DiffView diff={d.diff} onPreview={setPreview} />
      </Section>
      <PreviewPanel files={d.files} article={preview} onArticle={setPreview} />
      {session.can('editor') && <PublishForm draft={d} />}
    </Page>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** `<option>`s for every station group. */
export function GroupOptions() {
  const { session } = useConsole();
  const t = useT();
  const groups = useLoad(() => session.api.get<Array<{ group: string }>>('/groups'), []);
  const names = groups.status === 'ready' ? groups.value.map((g) => g.group) : ['*'];
  return (
    <>
      {names.map((g) => (
        <option key={g} value={g}>
          {groupLabel(g, t)}
        </option>
      ))}
    </>
  );
}

function PublishForm({ draft }: { draft: DraftView }) {
  const { session, router, flash, locale } = useConsole();
  const t = useT();
  const [groups, setGroups] = useState<string[]>(['*']);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const publish = useAction();
  const discard = useAction();
  const [discarding, setDiscarding] = useState(false);
  const names = groups.map((g) => groupLabel(g, t)).join(', ');
  return (
    <Section title={t('publish.title')}>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          setConfirming(true);
        }}
      >
        <GroupPicker legend={t('publish.groups')} value={groups} onChange={setGroups} />
        <label class="field">
          <span class="field__label">{t('publish.note')}</span>
          <input value={note} maxLength={200} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <div class="form__actions">
          <button type="submit" class="button" disabled={groups.length === 0 || draft.versionTooLow}>
            {t('publish.submit')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => setDiscarding(true)}>
            {t('publish.discard')}
          </button>
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('publish.confirmTitle')}
          confirm={t('publish.confirm')}
          busy={publish.busy}
          error={publish.error}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const release = await publish.run(() =>
              session.api.send<ReleaseSummary>('POST', `/drafts/${draft.id}/publish`, { groups, note }),
            );
            if (release) {
              flash.value = t('publish.done', { version: String(release.version), groups: names });
              router.go({ page: 'release', version: release.version });
            }
          }}
        >
          <p>
            {t('publish.confirmBody', {
              groups: names,
              bytes: formatBytes(locale.value, draft.diff.download.bytes),
            })}
          </p>
        </ConfirmDialog>
      )}
      {discarding && (
        <ConfirmDialog
          title={t('publish.discardTitle')}
          confirm={t('publish.discard')}
          danger
          busy={discard.busy}
          error={discard.error}
          onCancel={() => setDiscarding(false)}
          onConfirm={async () => {
            await discard.run(() => session.api.send('DELETE', `/drafts/${draft.id}`));
            router.go({ page: 'content' });
          }}
        >
          <p>{t('publish.discardBody')}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
