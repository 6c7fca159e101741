import { useState } from 'preact/hooks';
import { REPORTS, type ReportName } from '../../protocol/reports.ts';
import { TOPICS } from '../../protocol/topics.ts';
import { ChartCanvas, SERIES } from '../components/ChartCanvas.tsx';
import { Stat } from '../components/DiffView.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Page, Section } from '../components/Page.tsx';
import { ReportTable } from '../components/ReportTable.tsx';
import { useConsole, useT } from '../context.ts';
import { formatNumber, isoDay } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Cell, StationView, ReportTable as Table } from '../types.ts';
import { Choice } from './FleetPage.tsx';
import { SelfTestSection } from './SelfTestSection.tsx';

type Reports = Record<ReportName, Table>;

/** Usage for a date range, by station, town, group and topic: figures, charts, tables, CSV. */
export function UsagePage() {
  const { session, locale } = useConsole();
  const t = useT();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [station, setStation] = useState('');
  const [town, setTown] = useState('');
  const [group, setGroup] = useState('');
  const [topic, setTopic] = useState('');
  const stations = useLoad(() => session.api.get<StationView[]>('/stations'), []);
  const params = new URLSearchParams({ from, to });
  for (const [k, v] of Object.entries({ station, town, group, topic })) if (v) params.set(k, v);
  const query = params.toString();
  const reports = useLoad(async () => {
    const tables = await Promise.all(REPORTS.map((r) => session.api.get<Table>(`/reports/${r}?${query}`)));
    return Object.fromEntries(REPORTS.map((r, i) => [r, tables[i]])) as Reports;
  }, [query]);
  const all = stations.status === 'ready' ? stations.value : [];
  const csv = (report: string) => `/api/v1/admin/reports/${report}?${query}&format=csv`;
  return (
    <Page title={t('usage.title')} intro={t('usage.intro')}>
      <form class="card filters" onSubmit={(e) => e.preventDefault()} aria-label={t('usage.filters')}>
        <label class="field field--inline">
          <span class="field__label">{t('usage.from')}</span>
          <input
            type="date"
            value={from}
            max={to}
            required
            onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)}
          />
        </label>
        <label class="field field--inline">
          <span class="field__label">{t('usage.to')}</span>
          <input
            type="date"
            value={to}
            min={from}
            required
            onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)}
          />
        </label>
        <Choice
          label={t('usage.station')}
          value={station}
          onChange={setStation}
          options={all.map((s) => [s.id, s.name])}
        />
        <Choice
          label={t('fleet.town')}
          value={town}
          onChange={setTown}
          options={[...new Set(all.map((s) => s.town))].sort().map((x) => [x, x])}
        />
        <Choice
          label={t('fleet.group')}
          value={group}
          onChange={setGroup}
          options={[...new Set(all.map((s) => s.group))].sort().map((x) => [x, x])}
        />
        <Choice
          label={t('diff.topic')}
          value={topic}
          onChange={setTopic}
          options={TOPICS.map((x) => [x, t(`topic.${x}` as MessageKey)])}
        />
      </form>
      {reports.status === 'failed' && <ErrorNote error={reports.error} />}
      {reports.status === 'loading' && <p>{t('common.loading')}</p>}
      {reports.status === 'ready' && <Figures r={reports.value} csv={csv} locale={locale.value} />}
      <SelfTestSection from={from} to={to} />
    </Page>
  );
}

function total(table: Table, metric: string): number {
  return Number(table.rows.find((r) => r.metric === metric)?.count ?? 0);
}

function Figures({
  r,
  csv,
  locale,
}: {
  r: Reports;
  csv: (report: string) => string;
  locale: 'zh-CN' | 'vi' | 'en';
}) {
  const t = useT();
  const n = (x: number) => formatNumber(locale, x);
  const scored = r.quizzes.rows.reduce((s, q) => s + Number(q.scored ?? 0), 0);
  const points = r.quizzes.rows.reduce((s, q) => s + Number(q.scored ?? 0) * Number(q.averageScore ?? 0), 0);
  const top = r.articles.rows.slice(0, 10);
  const byLabel = (row: Record<string, Cell>) => String(row.title ?? row.article);
  return (
    <>
      <Section title={t('usage.headline')}>
        <dl class="stats">
          <Stat label={t('usage.opens')} value={n(total(r.overview, 'article_open'))} />
          <Stat label={t('usage.completions')} value={n(total(r.overview, 'article_complete'))} />
          <Stat label={t('usage.quizzes')} value={n(total(r.overview, 'quiz_complete'))} />
          <Stat
            label={t('usage.averageScore')}
            value={scored > 0 ? `${formatNumber(locale, Math.round((points / scored) * 10) / 10)} %` : '—'}
          />
          <Stat label={t('usage.tutorials')} value={n(total(r.overview, 'tutorial_complete'))} />
          <Stat label={t('usage.largeText')} value={n(total(r.overview, 'large_text'))} />
          <Stat label={t('usage.readAloud')} value={n(total(r.overview, 'read_aloud'))} />
          <Stat label={t('usage.idleResets')} value={n(total(r.overview, 'idle_reset'))} />
        </dl>
      </Section>
      <Section title={t('usage.perDay')}>
        <ChartCanvas
          label={t('usage.perDayChart')}
          config={{
            type: 'line',
            data: {
              labels: r.days.rows.map((d) => String(d.day)),
              datasets: [
                {
                  label: t('usage.opens'),
                  data: r.days.rows.map((d) => Number(d.opens)),
                  borderColor: SERIES[0],
                  backgroundColor: SERIES[0],
                },
                {
                  label: t('usage.completions'),
                  data: r.days.rows.map((d) => Number(d.completions)),
                  borderColor: SERIES[1],
                  backgroundColor: SERIES[1],
                  borderDash: [6, 4],
                },
                {
                  label: t('usage.quizzes'),
                  data: r.days.rows.map((d) => Number(d.quizzes)),
                  borderColor: SERIES[2],
                  backgroundColor: SERIES[2],
                  borderDash: [2, 3],
                },
              ],
            },
            options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
          }}
        />
        <ReportTable table={r.days} caption={t('usage.perDayTable')} csv={csv('days')} />
      </Section>
      <Section title={t('usage.topContent')}>
        {top.length > 0 && (
          <ChartCanvas
            label={t('usage.topChart')}
            config={{
              type: 'bar',
              data: {
                labels: top.map(byLabel),
                datasets: [
                  {
                    label: t('usage.opens'),
                    data: top.map((a) => Number(a.opens)),
                    backgroundColor: SERIES[0],
                  },
                  {
                    label: t('usage.completions'),
                    data: top.map((a) => Number(a.completions)),
                    backgroundColor: SERIES[1],
                  },
                ],
              },
              options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
            }}
          />
        )}
        <ReportTable table={r.articles} caption={t('usage.articlesTable')} csv={csv('articles')} />
        <ReportTable table={r.topics} caption={t('usage.topicsTable')} csv={csv('topics')} />
        <ReportTable table={r.audiences} caption={t('usage.audiencesTable')} csv={csv('audiences')} />
      </Section>
      <Section title={t('usage.where')}>
        <ReportTable
          table={r.stations}
          caption={t('usage.stationsTable')}
          csv={csv('stations')}
          hide={['station']}
        />
        <ReportTable table={r.towns} caption={t('usage.townsTable')} csv={csv('towns')} />
        <ReportTable table={r.groups} caption={t('usage.groupsTable')} csv={csv('groups')} />
      </Section>
      <Section title={t('usage.quizSection')}>
        <ReportTable table={r.quizzes} caption={t('usage.quizzesTable')} csv={csv('quizzes')} />
        <p>{t('usage.questionsHelp')}</p>
        <ReportTable
          table={r.questions}
          caption={t('usage.questionsTable')}
          csv={csv('questions')}
          hide={[
            'option1',
            'option2',
            'option3',
            'option4',
            'option5',
            'option6',
            'option7',
            'option8',
            'type',
          ]}
          extra={[
            { key: 'spread', label: t('usage.spread'), cell: (row) => <Spread row={row} locale={locale} /> },
          ]}
        />
      </Section>
      <Section title={t('usage.tutorialSection')}>
        <p>{t('usage.funnelHelp')}</p>
        {r.tutorials.rows.length > 0 && (
          <ChartCanvas
            label={t('usage.funnelChart')}
            config={{
              type: 'bar',
              data: {
                labels: r.tutorials.rows.map((x) => `${x.tutorial} · ${x.stage}`),
                datasets: [
                  {
                    label: t('col.count'),
                    data: r.tutorials.rows.map((x) => Number(x.count)),
                    backgroundColor: SERIES[4],
                  },
                ],
              },
              options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
            }}
          />
        )}
        <ReportTable table={r.tutorials} caption={t('usage.tutorialsTable')} csv={csv('tutorials')} />
      </Section>
      <Section title={t('usage.languageSection')}>
        {r.languages.rows.length > 0 && (
          <ChartCanvas
            label={t('usage.languageChart')}
            config={{
              type: 'doughnut',
              data: {
                labels: r.languages.rows.map((x) => String(x.language)),
                datasets: [
                  { data: r.languages.rows.map((x) => Number(x.count)), backgroundColor: SERIES.slice(0, 3) },
                ],
              },
            }}
          />
        )}
        <ReportTable table={r.languages} caption={t('usage.languagesTable')} csv={csv('languages')} />
      </Section>
    </>
  );
}

/** How answers spread over a question's options; the right one marked with a tick and a word. */
function Spread({ row, locale }: { row: Record<string, Cell>; locale: 'zh-CN' | 'vi' | 'en' }) {
  const t = useT();
  const answers = Number(row.answers ?? 0);
  const right = String(row.correctOption ?? '').split(' ');
  const options = Array.from({ length: 8 }, (_, i) => ({
    n: String(i + 1),
    count: row[`option${i + 1}`],
  })).filter((o) => typeof o.count === 'number');
  const label = (n: string) => (row.type === 'truefalse' ? t(n === '1' ? 'usage.true' : 'usage.false') : n);
  return (
    <span class="spread">
      {options.map((o) => (
        <span
          key={o.n}
          class={right.includes(o.n) ? 'spread__option spread__option--right' : 'spread__option'}
        >
          {label(o.n)}: {formatNumber(locale, Number(o.count))}
          {answers > 0 && ` (${Math.round((Number(o.count) / answers) * 100)} %)`}
          {right.includes(o.n) && ` ✓ ${t('usage.right')}`}
        </span>
      ))}
    </span>
  );
}
