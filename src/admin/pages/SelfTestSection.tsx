import { SELFTEST_LEVEL_VALUES, type SelfTestLevel } from '../../protocol/selftest.ts';
import { ChartCanvas, SERIES } from '../components/ChartCanvas.tsx';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Section } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { formatNumber } from '../format.ts';
import { useLoad } from '../hooks.ts';

type Levels = Record<SelfTestLevel, number>;
/** One town's self-test figures, as `GET /api/v1/admin/selftest?by=town` gives them. */
interface TownFigures {
  town: string;
  completed: number;
  passed: number;
  share: number | null;
  levels: Levels;
  adult: { completed: number; levels: Levels; passed: number; share: number | null };
}

/**
 * The self-test per town for the chosen days: how many self-tests reached each level (55, 70,
 * 85 of 100), and the share scoring 70 or more, for takers aged 18 to 69 (the survey's ages)
 * and for everyone; with the note that it is a self-selected indicator, not a survey.
 */
export function SelfTestSection({ from, to }: { from: string; to: string }) {
  const { session, locale } = useConsole();
  const t = useT();
  const l = locale.value;
  const query = new URLSearchParams({ from, to, by: 'town' }).toString();
  const report = useLoad(
    () => session.api.get<{ rows: TownFigures[]; total: Omit<TownFigures, 'town'> }>(`/selftest?${query}`),
    [query],
  );
  const n = (x: number) => formatNumber(l, x);
  const pct = (x: number | null) => (x === null ? '—' : `${formatNumber(l, Math.round(x * 1000) / 10)} %`);
  const levelName = (level: SelfTestLevel) => t(`selftest.level${level}`);
  const columns: Column<TownFigures>[] = [
    { key: 'town', label: t('fleet.town'), cell: (r) => r.town, sort: (r) => r.town },
    {
      key: 'adultCompleted',
      label: t('selftest.adultCompleted'),
      cell: (r) => n(r.adult.completed),
      sort: (r) => r.adult.completed,
      numeric: true,
    },
    ...SELFTEST_LEVEL_VALUES.map(
      (level): Column<TownFigures> => ({
        key: `level${level}`,
        label: levelName(level),
        cell: (r) =>
          `${n(r.adult.levels[level])} (${pct(r.adult.completed > 0 ? r.adult.levels[level] / r.adult.completed : null)})`,
        sort: (r) => r.adult.levels[level],
        numeric: true,
      }),
    ),
    {
      key: 'adultShare',
      label: t('selftest.adultShare'),
      cell: (r) => pct(r.adult.share),
      sort: (r) => r.adult.share,
      numeric: true,
    },
    {
      key: 'completed',
      label: t('selftest.completed'),
      cell: (r) => n(r.completed),
      sort: (r) => r.completed,
      numeric: true,
    },
    {
      key: 'share',
      label: t('selftest.share'),
      cell: (r) => pct(r.share),
      sort: (r) => r.share,
      numeric: true,
    },
  ];
  return (
    <Section title={t('selftest.title')}>
      <p>{t('selftest.intro')}</p>
      {report.status === 'failed' && <ErrorNote error={report.error} />}
      {report.status === 'loading' && <p>{t('common.loading')}</p>}
      {report.status === 'ready' && report.value.rows.length > 0 && (
        <ChartCanvas
          label={t('selftest.chart')}
          config={{
            type: 'bar',
            data: {
              labels: report.value.rows.map((r) => r.town),
              datasets: SELFTEST_LEVEL_VALUES.map((level) => ({
                label: levelName(level),
                data: report.value.rows.map((r) => r.adult.levels[level]),
                backgroundColor: SERIES[level],
              })),
            },
            options: {
              scales: {
                x: { stacked: true },
                y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
              },
            },
          }}
        />
      )}
      {report.status === 'ready' && (
        <DataTable
          id="selftest-towns"
          caption={t('selftest.table')}
          columns={columns}
          rows={report.value.rows}
          rowKey={(r) => r.town}
          initialSort={{ key: 'town' }}
          csv={`/api/v1/admin/selftest?${query}&format=csv`}
          empty={t('selftest.none')}
        />
      )}
    </Section>
  );
}
