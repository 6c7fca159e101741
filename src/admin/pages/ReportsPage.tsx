import { useState } from 'preact/hooks';
import { REPORT_LOCALES, type ReportLocale, type ReportScope } from '../../protocol/report-scopes.ts';
import type { PeriodRow } from '../alert-types.ts';
import { ChartCanvas, SERIES } from '../components/ChartCanvas.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Page, Section } from '../components/Page.tsx';
import { ReportSchedules } from '../components/ReportSchedules.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useConsole, useT } from '../context.ts';
import { formatNumber } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import type { StationView } from '../types.ts';

/** The monthly and weekly reports: the last 12 periods at a glance, each as PDF and CSV; schedules for admins. */
export function ReportsPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const [kind, setKind] = useState<'monthly' | 'weekly'>('monthly');
  const [scope, setScope] = useState<ReportScope>('county');
  const [value, setValue] = useState('');
  const [lang, setLang] = useState<ReportLocale>(locale.value === 'vi' ? 'vi' : locale.value);
  const stations = useLoad(() => session.api.get<StationView[]>('/stations'), []);
  const all = stations.status === 'ready' ? stations.value : [];
  const values = [...new Set(all.map((s) => (scope === 'town' ? s.town : s.group)))].sort();
  const scopeQuery =
    scope === 'county' || !value ? 'scope=county' : `scope=${scope}&value=${encodeURIComponent(value)}`;
  const list = useLoad(
    () => session.api.get<{ periods: PeriodRow[] }>(`/period-reports?kind=${kind}&${scopeQuery}`),
    [kind, scopeQuery],
  );
  const rows = list.status === 'ready' ? list.value.periods : [];
  const n = (x: number | null, suffix = '') =>
    x === null ? '—' : `${formatNumber(locale.value, x)}${suffix}`;
  const href = (period: string, format: 'pdf' | 'csv') =>
    `/api/v1/admin/period-reports/${period}?${scopeQuery}&format=${format}${format === 'pdf' ? `&lang=${lang}` : ''}`;
  const oldestFirst = [...rows].reverse();
  return (
    <Page title={t('reports.title')} intro={t('reports.intro')}>
      <form class="card filters" onSubmit={(e) => e.preventDefault()} aria-label={t('reports.scope')}>
        <SelectField
          inline
          label={t('reports.kind')}
          value={kind}
          onChange={(v) => setKind(v as typeof kind)}
        >
          <option value="monthly">{t('reports.kind.monthly')}</option>
          <option value="weekly">{t('reports.kind.weekly')}</option>
        </SelectField>
        <SelectField
          inline
          label={t('reports.scope')}
          value={scope}
          onChange={(v) => {
            setScope(v as ReportScope);
            setValue('');
          }}
        >
          <option value="county">{t('reports.scope.county')}</option>
          <option value="town">{t('reports.scope.town')}</option>
          <option value="group">{t('reports.scope.group')}</option>
        </SelectField>
        {scope !== 'county' && (
          <SelectField inline label={t('reports.scopeValue')} value={value} onChange={setValue}>
            <option value="">—</option>
            {values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          inline
          label={t('reports.lang')}
          value={lang}
          onChange={(v) => setLang(v as ReportLocale)}
        >
          {REPORT_LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </SelectField>
      </form>
      {list.status === 'failed' && <ErrorNote error={list.error} />}
      <Section title={t('reports.list')}>
        {rows.length > 0 && (
          <ChartCanvas
            label={t('reports.chart')}
            config={{
              type: 'bar',
              data: {
                labels: oldestFirst.map((r) => r.period),
                datasets: [
                  {
                    label: t('reports.opens'),
                    data: oldestFirst.map((r) => r.opens),
                    backgroundColor: SERIES[0],
                  },
                  {
                    label: t('reports.completions'),
                    data: oldestFirst.map((r) => r.completions),
                    backgroundColor: SERIES[1],
                  },
                ],
              },
              options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
            }}
          />
        )}
        <DataTable
          caption={t('reports.listCaption')}
          rows={rows}
          rowKey={(r) => r.period}
          columns={[
            {
              key: 'period',
              label: t('reports.period'),
              cell: (r) => (
                <span>
                  {r.period}
                  {r === rows[0] && <span class="muted"> {t('reports.current')}</span>}
                </span>
              ),
              sort: (r) => r.period,
            },
            {
              key: 'reporting',
              label: t('reports.reporting'),
              cell: (r) => `${n(r.stationsReporting)} / ${n(r.stationsEnrolled)}`,
              numeric: true,
            },
            {
              key: 'uptime',
              label: t('reports.uptime'),
              cell: (r) => n(r.uptimeShare, ' %'),
              numeric: true,
              sort: (r) => r.uptimeShare,
            },
            {
              key: 'opens',
              label: t('reports.opens'),
              cell: (r) => n(r.opens),
              numeric: true,
              sort: (r) => r.opens,
            },
            {
              key: 'completions',
              label: t('reports.completions'),
              cell: (r) => n(r.completions),
              numeric: true,
              sort: (r) => r.completions,
            },
            {
              key: 'quizzes',
              label: t('reports.quizzes'),
              cell: (r) => n(r.quizzes),
              numeric: true,
              sort: (r) => r.quizzes,
            },
            {
              key: 'selftest',
              label: t('reports.selftest'),
              cell: (r) => n(r.selftestShare, ' %'),
              numeric: true,
            },
            {
              key: 'download',
              label: t('reports.download'),
              cell: (r) => (
                <span class="button-row">
                  <a class="button button--quiet button--small" href={href(r.period, 'pdf')} download>
                    {t('reports.pdf')}
                    <span class="visually-hidden"> {t('reports.downloadPdf', { period: r.period })}</span>
                  </a>
                  <a class="button button--quiet button--small" href={href(r.period, 'csv')} download>
                    {t('reports.csv')}
                    <span class="visually-hidden"> {t('reports.downloadCsv', { period: r.period })}</span>
                  </a>
                </span>
              ),
            },
          ]}
        />
      </Section>
      {session.can('admin') && (
        <ReportSchedules
          towns={[...new Set(all.map((s) => s.town))].sort()}
          groups={[...new Set(all.map((s) => s.group))].sort()}
        />
      )}
    </Page>
  );
}
