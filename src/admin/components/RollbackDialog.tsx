import { useState } from 'preact/hooks';
import { useConsole, useT } from '../context.ts';
import { formatBytes } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { ReleaseDetail, ReleaseSummary } from '../types.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { GroupPicker } from './GroupPicker.tsx';

/**
 * Puts an earlier release's content back: republished as a new, higher version (kiosks never
 * go down a version) for the groups chosen, by default the ones it was published for.
 */
export function RollbackDialog({
  release,
  onClose,
}: {
  release: ReleaseSummary;
  onClose: (done: boolean) => void;
}) {
  const { session, locale, flash, router } = useConsole();
  const t = useT();
  const [groups, setGroups] = useState(release.publishedGroups.length > 0 ? release.publishedGroups : ['*']);
  const group = groups[0] ?? '*';
  const detail = useLoad(
    () => session.api.get<ReleaseDetail>(`/releases/${release.version}?group=${encodeURIComponent(group)}`),
    [group],
  );
  const action = useAction();
  return (
    <ConfirmDialog
      title={t('rollback.title', { version: String(release.version) })}
      confirm={t('rollback.confirm')}
      busy={action.busy}
      error={action.error}
      ready={groups.length > 0}
      onCancel={() => onClose(false)}
      onConfirm={async () => {
        const done = await action.run(() =>
          session.api.send<ReleaseSummary>('POST', `/releases/${release.version}/rollback`, { groups }),
        );
        if (done) {
          flash.value = t('rollback.done', { version: String(release.version), next: String(done.version) });
          onClose(true);
          router.go({ page: 'release', version: done.version });
        }
      }}
    >
      <p>{t('rollback.explain', { version: String(release.version) })}</p>
      <GroupPicker legend={t('rollback.groups')} value={groups} onChange={setGroups} />
      {detail.status === 'ready' && (
        <p>
          {t('rollback.changes', {
            added: detail.value.diff.articles.filter((a) => a.change === 'added').length,
            changed: detail.value.diff.articles.filter((a) => a.change === 'changed').length,
            removed: detail.value.diff.articles.filter((a) => a.change === 'removed').length,
            bytes: formatBytes(locale.value, detail.value.diff.download.bytes),
          })}
        </p>
      )}
    </ConfirmDialog>
  );
}
