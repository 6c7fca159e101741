import type { AlertDetail, AlertKind } from '../../protocol/alerts.ts';
import { noticeLocale } from '../../protocol/notice-words.ts';
import type { AlertEventView, OpenAlert } from '../alert-types.ts';
import { AlertRecipients } from '../components/AlertRecipients.tsx';
import { AlertRules } from '../components/AlertRules.tsx';
import { useThreshold } from '../components/alert-words.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Link } from '../components/Link.tsx';
import { Page, Section } from '../components/Page.tsx';
import { SmtpForm } from '../components/SmtpForm.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';

const MARK = { firing: '▲', pending: '◔', reminder: '▲', recovered: '✓', closed: '✕' } as const;

/** What was measured, in words. */
function DetailText({ kind, detail }: { kind: AlertKind; detail: AlertDetail }) {
  const t = useT();
  const { locale } = useConsole();
  const unit = useThreshold();
  const parts = [`${t('alerts.threshold')}: ${unit(kind, detail.threshold)}`];
  if (detail.value !== undefined) parts.push(t('alerts.value', { value: unit(kind, detail.value) }));
  if (detail.packVersion !== undefined) parts.push(`v${detail.packVersion} → v${detail.liveVersion}`);
  if (detail.errorCode) parts.push(detail.errorCode);
  const headline = detail.noticeHeadline;
  if (headline) parts.push(`“${headline[noticeLocale({ headline }, locale.value)] ?? ''}”`);
  return <span>{parts.join(' · ')}</span>;
}

function StationCell({ id, station }: { id: string; station: OpenAlert['station'] }) {
  return <Link to={{ page: 'station', id }}>{station ? `${station.name} · ${station.town}` : id}</Link>;
}

/** Alerts: what is wrong now, what happened and who was told; rules; recipients and the mail server. */
export function AlertsPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const data = useLoad(
    () => session.api.get<{ open: OpenAlert[]; events: AlertEventView[] }>('/alerts?limit=200'),
    [],
  );
  const open = data.status === 'ready' ? data.value.open : [];
  const events = data.status === 'ready' ? data.value.events : [];
  const when = (v: string | null) => formatDateTime(locale.value, v);
  return (
    <Page title={t('alerts.title')} intro={t('alerts.intro')}>
      {data.status === 'failed' && <ErrorNote error={data.error} />}
      <Section title={t('alerts.open')}>
        <DataTable
          caption={t('alerts.openCaption')}
          rows={open}
          rowKey={(a) => a.id}
          empty={t('alerts.noneOpen')}
          initialSort={{ key: 'since', descending: true }}
          columns={[
            {
              key: 'state',
              label: t('alerts.state'),
              cell: (a) => (
                <span class={`state state--${a.state === 'firing' ? 'silent' : 'late'}`}>
                  <span aria-hidden="true">{MARK[a.state]} </span>
                  {t(`alerts.state.${a.state}`)}
                </span>
              ),
              sort: (a) => a.state,
            },
            {
              key: 'kind',
              label: t('alerts.kind'),
              cell: (a) => t(`alerts.kind.${a.kind}`),
              sort: (a) => a.kind,
            },
            {
              key: 'station',
              label: t('alerts.station'),
              cell: (a) => <StationCell id={a.stationId} station={a.station} />,
              sort: (a) => a.station?.name ?? a.stationId,
            },
            { key: 'since', label: t('alerts.since'), cell: (a) => when(a.since), sort: (a) => a.since },
            {
              key: 'detail',
              label: t('alerts.detail'),
              cell: (a) => <DetailText kind={a.kind} detail={a.detail} />,
            },
          ]}
        />
      </Section>
      <Section title={t('alerts.history')}>
        <DataTable
          caption={t('alerts.historyCaption')}
          rows={events}
          rowKey={(e) => e.id}
          columns={[
            { key: 'at', label: t('alerts.when'), cell: (e) => when(e.at), sort: (e) => e.at },
            {
              key: 'type',
              label: t('alerts.event'),
              cell: (e) => (
                <span
                  class={`state state--${e.type === 'recovered' ? 'online' : e.type === 'closed' ? 'revoked' : 'silent'}`}
                >
                  <span aria-hidden="true">{MARK[e.type]} </span>
                  {t(`alerts.event.${e.type}`)}
                </span>
              ),
              sort: (e) => e.type,
            },
            {
              key: 'kind',
              label: t('alerts.kind'),
              cell: (e) => t(`alerts.kind.${e.kind}`),
              sort: (e) => e.kind,
            },
            {
              key: 'station',
              label: t('alerts.station'),
              cell: (e) => <StationCell id={e.stationId} station={e.station} />,
              sort: (e) => e.station?.name ?? e.stationId,
            },
            {
              key: 'messages',
              label: t('alerts.messages'),
              cell: (e) =>
                e.deliveries.length === 0 ? (
                  <span class="muted">{t('alerts.noMessages')}</span>
                ) : (
                  <ul class="plain-list">
                    {e.deliveries.map((d) => (
                      <li key={d.id}>
                        {t(`alerts.channel.${d.channel}`)} {d.address}:{' '}
                        <strong>{t(`alerts.delivery.${d.status}`)}</strong>
                        {d.error && <span class="muted"> ({d.error})</span>}
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      </Section>
      <AlertRules />
      {session.can('admin') && (
        <>
          <AlertRecipients />
          <SmtpForm />
        </>
      )}
    </Page>
  );
}
