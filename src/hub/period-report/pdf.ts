import type { ReportLocale } from '../../protocol/report-schedules.ts';
import { stationTime } from '../alerts/messages.ts';
import { type HubMessageKey, type HubT, hubTranslator } from '../i18n/index.ts';
import { barChart, dayChart } from './charts.ts';
import { findReportFonts, type ReportFonts } from './fonts.ts';
import type { PeriodReport } from './model.ts';
import { COLORS, Layout } from './pdf-layout.ts';

type Cell = string | number | null | undefined;
const n = (v: Cell) => (typeof v === 'number' ? v : 0);

/** The period and scope in words: "2026年11月 · 河口镇". */
export function reportHeading(
  report: PeriodReport,
  t: HubT,
  locale: ReportLocale,
): { title: string; subtitle: string } {
  const { period, scope } = report;
  const when =
    period.kind === 'monthly'
      ? new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
          new Date(`${period.from}T00:00:00Z`),
        )
      : t('report.week', { year: period.key.slice(0, 4), week: Number(period.key.slice(6)) });
  const where =
    scope.scope === 'county'
      ? t('report.scope.county')
      : t(scope.scope === 'town' ? 'report.scope.town' : 'report.scope.group', { name: scope.value });
  return {
    title: t(period.kind === 'monthly' ? 'report.title.monthly' : 'report.title.weekly'),
    subtitle: `${when} · ${where} · ${t('report.range', { from: period.from, to: period.to })}`,
  };
}

/**
 * Draws a period report as an A4 PDF in one language, with Noto Sans CJK embedded (subset), so
 * station names in Chinese print in every version. Charts carry their figures in text too.
 */
export async function renderPeriodReportPdf(
  report: PeriodReport,
  locale: ReportLocale,
  fonts: ReportFonts = findReportFonts(),
): Promise<Buffer> {
  const t = hubTranslator(locale);
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const num = (v: Cell) => (typeof v === 'number' ? fmt.format(v) : '—');
  const pct = (v: Cell) => (typeof v === 'number' ? `${fmt.format(v)} %` : '—');
  const { title, subtitle } = reportHeading(report, t, locale);
  const named = (kind: keyof PeriodReport['titles'], id: Cell, fallback?: Cell) =>
    report.titles[kind][String(id)]?.[locale] ?? String(fallback ?? id);
  const l = new Layout(fonts, { title: `${title} ${subtitle}`, lang: locale });

  l.text(title, { size: 22, bold: true, color: COLORS.brand, gap: 2 });
  l.text(subtitle, { size: 11, color: COLORS.muted, gap: 2 });
  l.text(t('report.generated', { at: stationTime(report.generatedAt) }), {
    size: 8.5,
    color: COLORS.muted,
    gap: 10,
  });

  const { fleet, totals } = report;
  l.stats([
    [t('report.stat.reporting'), `${num(fleet.reporting)} / ${num(fleet.enrolled)}`],
    [t('report.stat.uptime'), pct(fleet.uptimeShare)],
    [t('report.stat.opens'), num(totals.opens)],
    [t('report.stat.completions'), `${num(totals.completions)} (${pct(totals.completionRate)})`],
    [t('report.stat.quizzes'), num(totals.quizzes)],
    [t('report.stat.selftest'), pct(shareOf(report.selfTest.total.share))],
  ]);

  l.heading(t('report.section.days'));
  dayChart(
    l,
    everyDay(report).map((d) => ({ day: String(d.day), values: [n(d.opens), n(d.completions)] })),
    [
      { name: t('report.col.opens'), color: COLORS.bar },
      { name: t('report.col.completions'), color: COLORS.bar2 },
    ],
    t('report.empty'),
  );

  l.heading(t('report.section.fleet'));
  l.text(t('report.fleet.note'), { size: 9, color: COLORS.muted });
  barChart(
    l,
    fleet.stations.map((s) => ({
      label: `${s.name} · ${s.town}`,
      values: [n(s.uptimeShare)],
      texts: [pct(s.uptimeShare as Cell)],
    })),
    [{ name: t('report.col.uptime'), color: COLORS.bar }],
    { max: 100, labelWidth: 190 },
  );
  l.table(
    [
      { label: t('report.col.station'), width: 150, cell: (r) => String(r.name) },
      { label: t('report.col.town'), width: 80, cell: (r) => String(r.town) },
      { label: t('report.col.days'), width: 60, align: 'right', cell: (r) => num(r.daysReporting) },
      {
        label: t('report.col.hoursOnline'),
        width: 70,
        align: 'right',
        cell: (r) => num(n(r.slotsOnline) / 4),
      },
      { label: t('report.col.uptime'), width: 60, align: 'right', cell: (r) => pct(r.uptimeShare) },
    ],
    fleet.stations,
    t('report.empty'),
  );

  l.newPage();
  l.heading(t('report.section.topics'));
  const topicLabel = (v: Cell) => t(`report.topic.${String(v)}` as HubMessageKey);
  barChart(
    l,
    report.topics.map((r) => ({
      label: topicLabel(r.topic),
      values: [n(r.opens), n(r.completions)],
      texts: [num(r.opens), num(r.completions)],
    })),
    [
      { name: t('report.col.opens'), color: COLORS.bar },
      { name: t('report.col.completions'), color: COLORS.bar2 },
    ],
  );
  const groupColumns = (key: 'topic' | 'audience', label: (v: Cell) => string) => [
    {
      label: t(key === 'topic' ? 'report.col.topic' : 'report.col.audience'),
      width: 150,
      cell: (r: Record<string, Cell>) => label(r[key]),
    },
    {
      label: t('report.col.articles'),
      width: 60,
      align: 'right' as const,
      cell: (r: Record<string, Cell>) => num(r.articles),
    },
    {
      label: t('report.col.opens'),
      width: 70,
      align: 'right' as const,
      cell: (r: Record<string, Cell>) => num(r.opens),
    },
    {
      label: t('report.col.completions'),
      width: 70,
      align: 'right' as const,
      cell: (r: Record<string, Cell>) => num(r.completions),
    },
    {
      label: t('report.col.rate'),
      width: 70,
      align: 'right' as const,
      cell: (r: Record<string, Cell>) => pct(r.completionRate),
    },
  ];
  l.table(groupColumns('topic', topicLabel), report.topics, t('report.empty'));
  l.text(t('report.section.audiences'), { size: 11, bold: true, color: COLORS.brand });
  l.table(
    groupColumns('audience', (v) => t(`report.audience.${String(v)}` as HubMessageKey)),
    report.audiences,
    t('report.empty'),
  );
  const articleColumns = [
    {
      label: t('report.col.article'),
      width: 230,
      cell: (r: Record<string, Cell>) => String(r.title ?? r.article),
    },
    { label: t('report.col.topic'), width: 80, cell: (r: Record<string, Cell>) => topicLabel(r.topic) },
    {
      label: t('report.col.opens'),
      width: 60,
      align: 'right' as const,
      cell: (r: Record<string, Cell>) => num(r.opens),
    },
    {
      label: t('report.col.rate'),
      width: 60,
      align: 'right' as const,
      cell: (r: Record<string, Cell>) => pct(r.completionRate),
    },
  ];
  l.heading(t('report.section.mostRead'));
  l.table(articleColumns, report.mostRead, t('report.empty'));
  l.heading(t('report.section.leastRead'));
  l.table(articleColumns, report.leastRead, t('report.empty'));

  l.newPage();
  l.heading(t('report.section.questions'));
  l.text(t('report.questions.note'), { size: 9, color: COLORS.muted });
  const hardest = report.questions.slice(0, 15);
  barChart(
    l,
    hardest.map((q) => ({
      label: named('questions', q.question, q.text),
      values: [n(q.correctShare)],
      texts: [pct(q.correctShare)],
    })),
    [{ name: t('report.col.right'), color: COLORS.bar }],
    { max: 100, labelWidth: 250 },
  );
  l.table(
    [
      { label: t('report.col.question'), width: 220, cell: (q) => named('questions', q.question, q.text) },
      { label: t('report.col.answers'), width: 55, align: 'right', cell: (q) => num(q.answers) },
      { label: t('report.col.right'), width: 55, align: 'right', cell: (q) => pct(q.correctShare) },
      { label: t('report.col.wrongPick'), width: 120, cell: (q) => commonWrong(q, t, fmt) },
    ],
    hardest,
    t('report.empty'),
  );

  l.heading(t('report.section.tutorials'));
  l.text(t('report.tutorials.note'), { size: 9, color: COLORS.muted });
  const stage = (s: Cell) =>
    s === 'start'
      ? t('report.stage.start')
      : s === 'complete'
        ? t('report.stage.complete')
        : t('report.stage.step', { step: Number(String(s).slice(5)) + 1 });
  barChart(
    l,
    report.tutorials.map((r) => ({
      label: `${named('tutorials', r.tutorial)} · ${stage(r.stage)}`,
      values: [n(r.shareOfStarts)],
      texts: [`${num(r.count)} (${pct(r.shareOfStarts)})`],
    })),
    [{ name: t('report.col.shareOfStarts'), color: COLORS.bar }],
    { max: 100, labelWidth: 200 },
  );
  if (report.tutorials.length === 0) l.text(t('report.empty'), { size: 9, color: COLORS.muted });

  l.heading(t('report.section.languages'));
  l.text(t('report.languages.note'), { size: 9, color: COLORS.muted });
  barChart(
    l,
    report.languages.map((r) => ({
      label: t(`report.language.${String(r.language)}` as HubMessageKey),
      values: [n(r.count)],
      texts: [`${num(r.count)} (${pct(r.share)})`],
    })),
    [{ name: t('report.col.count'), color: COLORS.bar }],
  );
  if (report.languages.length === 0) l.text(t('report.empty'), { size: 9, color: COLORS.muted });

  l.newPage();
  const self = report.selfTest;
  l.heading(t('report.section.selftest'));
  l.text(t('report.selftest.goal', { goal: self.goalPercent }), { size: 10 });
  barChart(
    l,
    self.towns.map((r) => ({
      label: r.town,
      values: [shareOf(r.share) ?? 0],
      texts: [`${pct(shareOf(r.share))} (${num(r.passed)} / ${num(r.completed)})`],
    })),
    [{ name: t('report.col.selftestShare'), color: COLORS.bar }],
    {
      max: Math.max(20, ...self.towns.map((r) => shareOf(r.share) ?? 0)),
      goal: { value: self.goalPercent, label: t('report.selftest.goalLine', { goal: self.goalPercent }) },
    },
  );
  l.table(
    [
      { label: t('report.col.town'), width: 150, cell: (r) => r.town },
      { label: t('report.col.completedTests'), width: 90, align: 'right', cell: (r) => num(r.completed) },
      {
        label: t('report.col.passedTests', { score: self.passScore }),
        width: 110,
        align: 'right',
        cell: (r) => num(r.passed),
      },
      { label: t('report.col.selftestShare'), width: 80, align: 'right', cell: (r) => pct(shareOf(r.share)) },
      {
        label: t('report.col.adultShare'),
        width: 90,
        align: 'right',
        cell: (r) => pct(shareOf(r.adult.share)),
      },
    ],
    [...self.towns, { town: t('report.total'), ...self.total }],
    t('report.empty'),
  );
  l.text(t('report.selftest.caveatTitle'), { size: 11, bold: true, color: COLORS.accent });
  l.text(t('report.selftest.caveat', { score: self.passScore, goal: self.goalPercent }), {
    size: 9.5,
  });
  l.text(t('report.plan'), { size: 8.5, color: COLORS.muted, gap: 10 });
  l.text(t('report.privacy'), { size: 8.5, color: COLORS.muted });

  l.footers((page, pages) => `${title} · ${subtitle} · ${t('report.page', { page, pages })}`);
  return l.finish();
}

/** Every day of the period, with the days nobody read as zeros (the chart shows gaps as gaps). */
function everyDay(report: PeriodReport): Array<Record<string, Cell>> {
  const byDay = new Map(report.days.map((d) => [String(d.day), d]));
  const out: Array<Record<string, Cell>> = [];
  for (
    let ms = Date.parse(`${report.period.from}T00:00:00Z`);
    ms <= Date.parse(`${report.period.to}T00:00:00Z`);
    ms += 86_400_000
  ) {
    const day = new Date(ms).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, opens: 0, completions: 0 });
  }
  return out;
}

/** A self-test share (a fraction 0..1 in the indicator) in percent with one decimal. */
export function shareOf(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** The wrong option most people chose, with its share of the answers. */
function commonWrong(q: Record<string, Cell>, t: HubT, fmt: Intl.NumberFormat): string {
  const right = String(q.correctOption ?? '');
  let best: { option: number; count: number } | null = null;
  for (let i = 1; i <= 8; i++) {
    const c = q[`option${i}`];
    if (typeof c !== 'number' || String(i) === right) continue;
    if (!best || c > best.count) best = { option: i, count: c };
  }
  if (!best || best.count === 0 || n(q.answers) === 0) return '—';
  const option =
    q.type === 'truefalse' ? t(best.option === 1 ? 'report.true' : 'report.false') : String(best.option);
  return `${option} (${fmt.format(Math.round((best.count / n(q.answers)) * 1000) / 10)} %)`;
}
