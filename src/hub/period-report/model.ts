import type { LocalizedText } from '../../protocol/content-doc.ts';
import type { ReportScope } from '../../protocol/report-schedules.ts';
import { SELFTEST_LEVELS, SELFTEST_MEETS_LEVEL } from '../../protocol/selftest.ts';
import type { HubContext } from '../http/context.ts';
import { buildReport, liveCatalog, liveTitles, percent, type ReportQuery, type Table } from '../reports.ts';
import { loadSelfTestReport, SELFTEST_NOTE, type SelfTestFigures } from '../selftest-report.ts';
import type { Period } from './periods.ts';

/** The plan's goal: 12 % of residents scientifically literate by 2025 (河政发〔2022〕13号). */
export const PLAN_GOAL_PERCENT = 12;

/** Whom a report covers. */
export interface ScopeSpec {
  scope: ReportScope;
  /** The town or group; empty for the county. */
  value: string;
}

type Row = Table['rows'][number];

/** Everything a period report shows, taken from the same tables as the JSON reports. */
export interface PeriodReport {
  period: Period;
  scope: ScopeSpec;
  generatedAt: string;
  fleet: {
    enrolled: number;
    reporting: number;
    slotsOnline: number;
    slotsPossible: number;
    uptimeShare: number | null;
    stations: Row[];
  };
  totals: {
    opens: number;
    completions: number;
    completionRate: number | null;
    quizzes: number;
    answers: number;
    tutorialStarts: number;
    tutorialCompletions: number;
    readAloud: number;
    largeText: number;
  };
  days: Row[];
  topics: Row[];
  audiences: Row[];
  mostRead: Row[];
  leastRead: Row[];
  questions: Row[];
  tutorials: Row[];
  languages: Row[];
  selfTest: {
    /** The score (of 100) a self-test must reach to count as passed. */
    passScore: number;
    goalPercent: number;
    note: string;
    towns: Array<{ town: string } & SelfTestFigures>;
    total: SelfTestFigures;
  };
  /** Live titles in every language, so each language's report names things in its own words. */
  titles: Record<'articles' | 'questions' | 'tutorials', Record<string, LocalizedText>>;
  /** Every JSON report used, as served at /api/v1/admin/reports/<name> for the same range. */
  tables: Record<string, Table>;
}

/** The report query for a period and scope (the JSON reports take the same). */
export function reportQuery(period: Period, scope: ScopeSpec): ReportQuery {
  return {
    from: period.from,
    to: period.to,
    ...(scope.scope === 'town' ? { town: scope.value } : {}),
    ...(scope.scope === 'group' ? { group: scope.value } : {}),
  };
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const count = (t: Table, metric: string) => num(t.rows.find((r) => r.metric === metric)?.count);
/** Articles listed in least-read order need at least this many to say anything. */
const TOP = 10;

/**
 * Builds the report for a period and scope from the one query layer (`reports.ts`) and the
 * self-test indicator (`selftest-report.ts`): every figure here is a figure of a JSON report.
 */
export async function buildPeriodReport(
  ctx: HubContext,
  period: Period,
  scope: ScopeSpec,
): Promise<PeriodReport> {
  const query = reportQuery(period, scope);
  const names = [
    'overview',
    'days',
    'articles',
    'topics',
    'audiences',
    'questions',
    'tutorials',
    'languages',
    'uptime',
  ] as const;
  const built = await Promise.all(names.map((n) => buildReport(ctx, n, query)));
  const tables = Object.fromEntries(names.map((n, i) => [n, built[i] as Table])) as Record<
    (typeof names)[number],
    Table
  >;
  const self = await selfTestByTown(ctx, period, scope);
  const uptime = tables.uptime.rows;
  const slotsOnline = uptime.reduce((n, r) => n + Math.min(num(r.slotsOnline), num(r.slotsPossible)), 0);
  const slotsPossible = uptime.reduce((n, r) => n + num(r.slotsPossible), 0);
  const overview = tables.overview;
  const opens = count(overview, 'article_open');
  const completions = count(overview, 'article_complete');
  const articles = tables.articles.rows;
  // The least read include the live articles nobody opened (0), which no usage row names.
  const catalog = await liveCatalog(ctx, query.group);
  const titles = await liveTitles(ctx, query.group);
  const read = new Set(articles.map((a) => String(a.article)));
  const unread: Row[] = catalog
    .filter((a) => !read.has(a.id))
    .map((a) => ({
      article: a.id,
      topic: a.topic,
      title: a.title['zh-CN'],
      opens: 0,
      completions: 0,
      completionRate: null,
    }));
  const leastRead = [...articles, ...unread]
    .sort((a, b) => num(a.opens) - num(b.opens) || String(a.article).localeCompare(String(b.article)))
    .slice(0, TOP);
  return {
    period,
    scope,
    generatedAt: ctx.now().toISOString(),
    fleet: {
      enrolled: uptime.length,
      reporting: uptime.filter((r) => num(r.slotsOnline) > 0).length,
      slotsOnline,
      slotsPossible,
      uptimeShare: percent(slotsOnline, slotsPossible),
      stations: uptime,
    },
    totals: {
      opens,
      completions,
      completionRate: percent(completions, opens),
      quizzes: count(overview, 'quiz_complete'),
      answers: count(overview, 'quiz_option'),
      tutorialStarts: count(overview, 'tutorial_start'),
      tutorialCompletions: count(overview, 'tutorial_complete'),
      readAloud: count(overview, 'read_aloud'),
      largeText: count(overview, 'large_text'),
    },
    days: tables.days.rows,
    topics: tables.topics.rows,
    audiences: tables.audiences.rows,
    mostRead: articles.filter((a) => num(a.opens) > 0).slice(0, TOP),
    leastRead,
    questions: tables.questions.rows.filter((q) => typeof q.correctShare === 'number'),
    tutorials: tables.tutorials.rows,
    languages: tables.languages.rows,
    selfTest: {
      passScore: SELFTEST_LEVELS[SELFTEST_MEETS_LEVEL - 1] ?? 70,
      goalPercent: PLAN_GOAL_PERCENT,
      note: SELFTEST_NOTE,
      towns: self.rows.filter(
        (r): r is { town: string } & SelfTestFigures => 'town' in r && !('stationId' in r),
      ),
      total: self.total,
    },
    titles: {
      articles: Object.fromEntries(titles.articles),
      questions: Object.fromEntries(titles.questions),
      tutorials: Object.fromEntries(titles.tutorials),
    },
    tables,
  };
}

/**
 * The self-test indicator per town from `selftest-report.ts` (the console's own query layer),
 * narrowed to a town or a group the way the usage reports are.
 */
export async function selfTestByTown(
  ctx: HubContext,
  period: Pick<Period, 'from' | 'to'>,
  scope: ScopeSpec,
): Promise<{ rows: Array<{ town: string } & SelfTestFigures>; total: SelfTestFigures }> {
  const narrow = {
    ...(scope.scope === 'town' ? { town: scope.value } : {}),
    ...(scope.scope === 'group' ? { group: scope.value } : {}),
  };
  const report = await loadSelfTestReport(
    {
      usageTotals: (q) => ctx.store.usageTotals({ ...q, ...narrow }),
      listStations: () => ctx.store.listStations(),
    },
    { from: period.from, to: period.to, by: 'town' },
  );
  return {
    rows: report.rows.filter((r): r is { town: string } & SelfTestFigures => !('stationId' in r)),
    total: report.total,
  };
}
