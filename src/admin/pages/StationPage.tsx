import { useState } from 'preact/hooks';
import type { Heartbeat } from '../../protocol/heartbeat.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Page, Section } from '../components/Page.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { storageText, updateText } from '../components/station-facts.ts';
import { useConsole, useT } from '../context.ts';
import { formatAgo, formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { StationView } from '../types.ts';
import { CodeDialog } from './FleetPage.tsx';

/** One station: its facts, heartbeat history, a new enrollment code, revoking it. */
export function StationPage({ id }: { id: string }) {
  const { session, locale } = useConsole();
  const t = useT();
  const station = useLoad(() => session.api.get<StationView>(`/stations/${encodeURIComponent(id)}`), [id]);
  const history = useLoad(
    () =>
      session.api.get<Array<{ at: string; heartbeat: Heartbeat }>>(
        `/stations/${encodeURIComponent(id)}/heartbeats`,
      ),
    [id],
  );
  const [dialog, setDialog] = useState<'code' | 'revoke' | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const action = useAction();
  if (station.status !== 'ready') {
    return (
      <Page title={t('station.title')}>
        {station.status === 'failed' ? <ErrorNote error={station.error} /> : t('common.loading')}
      </Page>
    );
  }
  const s = station.value;
  const l = locale.value;
  const hb = s.lastHeartbeat;
  const facts: Array<[string, preact.ComponentChildren]> = [
    [t('fleet.state'), <StateBadge key="s" state={s.state} />],
    [t('fleet.town'), s.town],
    [t('fleet.group'), s.group],
    [t('station.id'), <code key="id">{s.id}</code>],
    [
      t('fleet.lastSeen'),
      s.lastSeenAt ? `${formatAgo(l, s.lastSeenAt)} (${formatDateTime(l, s.lastSeenAt)})` : '—',
    ],
    [t('fleet.app'), hb?.appVersion ?? '—'],
    [t('fleet.pack'), hb?.packVersion ?? '—'],
    [t('fleet.lastUpdate'), updateText(l, hb)],
    [t('fleet.errors'), hb?.errors.join(' ') || '—'],
    [t('fleet.storage'), storageText(l, hb)],
    [t('fleet.queue'), hb?.queue ?? '—'],
    [t('station.created'), formatDateTime(l, s.createdAt)],
  ];
  if (s.revokedAt) facts.push([t('station.revoked'), formatDateTime(l, s.revokedAt)]);
  const admin = session.can('admin') && !s.revokedAt;
  return (
    <Page
      title={s.name}
      actions={
        admin && (
          <>
            <button type="button" class="button button--quiet" onClick={() => setDialog('code')}>
              {t('station.newCode')}
            </button>
            <button type="button" class="button button--danger" onClick={() => setDialog('revoke')}>
              {t('station.revoke')}
            </button>
          </>
        )
      }
    >
      <Section title={t('station.facts')}>
        <dl class="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title={t('station.history')}>
        {history.status === 'ready' && (
          <DataTable
            caption={t('station.historyCaption', { count: history.value.length })}
            rows={history.value}
            rowKey={(h) => `${h.at}-${h.heartbeat.queue}-${h.heartbeat.packVersion}`}
            columns={[
              { key: 'at', label: t('station.at'), cell: (h) => formatDateTime(l, h.at), sort: (h) => h.at },
              { key: 'app', label: t('fleet.app'), cell: (h) => h.heartbeat.appVersion },
              { key: 'pack', label: t('fleet.pack'), cell: (h) => h.heartbeat.packVersion, numeric: true },
              { key: 'update', label: t('fleet.lastUpdate'), cell: (h) => updateText(l, h.heartbeat) },
              { key: 'errors', label: t('fleet.errors'), cell: (h) => h.heartbeat.errors.join(' ') || '—' },
              { key: 'storage', label: t('fleet.storage'), cell: (h) => storageText(l, h.heartbeat) },
              { key: 'queue', label: t('fleet.queue'), cell: (h) => h.heartbeat.queue, numeric: true },
            ]}
            initialSort={{ key: 'at', descending: true }}
          />
        )}
      </Section>
      {dialog === 'code' && (
        <ConfirmDialog
          title={t('station.newCode')}
          confirm={t('station.makeCode')}
          busy={action.busy}
          error={action.error}
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            const made = await action.run(() =>
              session.api.send<{ enrollmentCode: string }>('POST', `/stations/${s.id}/enrollment-code`, {}),
            );
            if (made) {
              setDialog(null);
              setCode(made.enrollmentCode);
            }
          }}
        >
          <p>{t('station.codeExplain')}</p>
        </ConfirmDialog>
      )}
      {dialog === 'revoke' && (
        <ConfirmDialog
          title={t('station.revokeTitle', { name: s.name })}
          confirm={t('station.revoke')}
          danger
          ready={typed.trim() === s.name}
          busy={action.busy}
          error={action.error}
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            if (await action.run(() => session.api.send('POST', `/stations/${s.id}/revoke`, {}))) {
              setDialog(null);
              station.reload();
            }
          }}
        >
          <p>{t('station.revokeExplain')}</p>
          <label class="field">
            <span class="field__label">{t('station.typeName', { name: s.name })}</span>
            <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
          </label>
        </ConfirmDialog>
      )}
      {code && <CodeDialog code={code} onClose={() => setCode(null)} />}
    </Page>
  );
}
