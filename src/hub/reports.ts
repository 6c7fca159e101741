import * as v from 'valibot';
import {
  CATALOG_PATH,
  type CatalogEntry,
  CatalogSchema,
  type LocalizedText,
} from '../protocol/content-doc.ts';
import type { PackFile } from '../protocol/pack-manifest.ts';
import { QuizBankSchema, type QuizQuestion } from '../protocol/quiz-doc.ts';
import type { ReportName } from '../protocol/reports.ts';
import { TUTORIAL_CATALOG_PATH, TutorialCatalogSchema } from '../protocol/tutorial-doc.ts';
import type { Metric } from '../protocol/usage.ts';
import { audiencesTable } from './audience-report.ts';
import type { HubContext } from './http/context.ts';
import { releaseManifest } from './release-manifest.ts';
import type { UsageQuery, UsageRow } from './storage/store.ts';
import { uptimeReport } from './uptime-report.ts';

export { REPORTS, type ReportName } from '../protocol/reports.ts';

/** Filters every report takes. */
export interface ReportQuery {
  from: string;
  to: string;
  stationId?: string;
  town?: string;
  group?: string;
  topic?: string;
}

type Cell = string | number | null;
/** One table: its column names and rows keyed by them. */
export interface Table {
  columns: string[];
  rows: Array<Record<string, Cell>>;
}

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The active release's catalog and quiz banks (what titles and right answers come from). */
async function liveContent(ctx: HubContext, group: string | undefined) {
  const release = await ctx.store.activeRelease(group ?? '*');
  if (!release)
    return { catalog: [] as CatalogEntry[], questions: new Map<string, QuizQuestion & { topic: string }>() };
  const { manifest } = releaseManifest(release.manifestJson);
  const read = async (file: PackFile) =>
    JSON.parse((await ctx.blobs.get(file.sha256)).toString('utf8')) as unknown;
  const catalogFile = manifest.files.find((f) => f.path === CATALOG_PATH);
  const catalog = catalogFile ? v.parse(CatalogSchema, await read(catalogFile)).articles : [];
  const questions = new Map<string, QuizQuestion & { topic: string }>();
  for (const file of manifest.files.filter((f) => /^quizzes\/[a-z]+\.json$/.test(f.path))) {
    const bank = v.safeParse(QuizBankSchema, await read(file));
    if (bank.success)
      for (const q of bank.output.questions) questions.set(q.id, { ...q, topic: bank.output.topic });
  }
  return { catalog, questions };
}

/** The live release's articles for a group (the `*` release when the group has none of its own). */
export async function liveCatalog(ctx: HubContext, group: string | undefined): Promise<CatalogEntry[]> {
  return (await liveContent(ctx, group)).catalog;
}

/** Titles of the live articles, quiz questions and phone lessons in every language, by id. */
export async function liveTitles(ctx: HubContext, group: string | undefined) {
  const live = await liveContent(ctx, group);
  const release = await ctx.store.activeRelease(group ?? '*');
  const tutorials = new Map<string, LocalizedText>();
  if (release) {
    const { manifest } = releaseManifest(release.manifestJson);
    const file = manifest.files.find((f) => f.path === TUTORIAL_CATALOG_PATH);
    const parsed = file
      ? v.safeParse(TutorialCatalogSchema, JSON.parse((await ctx.blobs.get(file.sha256)).toString('utf8')))
      : null;
    if (parsed?.success) for (const t of parsed.output.tutorials) tutorials.set(t.id, t.title);
  }
  return {
    articles: new Map(live.catalog.map((a) => [a.id, a.title])),
    questions: new Map([...live.questions].map(([id, q]) => [id, q.question])),
    tutorials,
  };
}

/** Builds one report from the usage totals. */
export async function buildReport(ctx: HubContext, name: ReportName, query: ReportQuery): Promise<Table> {
  const base: Omit<UsageQuery, 'by'> = {
    from: query.from,
    to: query.to,
    ...(query.stationId ? { stationId: query.stationId } : {}),
    ...(query.town ? { town: query.town } : {}),
    ...(query.group ? { group: query.group } : {}),
  };
  const totals = (by: UsageQuery['by'], metrics?: Metric[]) =>
    ctx.store.usageTotals({ ...base, by, ...(metrics ? { metrics } : {}) });
  const sum = (rows: UsageRow[], metric: Metric) =>
    rows.filter((r) => r.metric === metric).reduce((n, r) => n + r.count, 0);

  switch (name) {
    case 'overview': {
      const rows = await totals(['metric']);
      return {
        columns: ['metric', 'count'],
        rows: rows.map((r) => ({ metric: r.metric ?? '', count: r.count })),
      };
    }
    case 'days': {
      const rows = await totals(['day', 'metric'], ['article_open', 'article_complete', 'quiz_complete']);
      const days = [...new Set(rows.map((r) => r.day ?? ''))];
      const of = (day: string, metric: Metric) =>
        sum(
          rows.filter((r) => r.day === day),
          metric,
        );
      return {
        columns: ['day', 'opens', 'completions', 'quizzes'],
        rows: days.map((day) => ({
          day,
          opens: of(day, 'article_open'),
          completions: of(day, 'article_complete'),
          quizzes: of(day, 'quiz_complete'),
        })),
      };
    }
    case 'articles':
    case 'topics':
    case 'audiences': {
      const rows = await totals(
        ['metric', 'key'],
        ['article_open', 'article_complete', 'read_aloud', 'qr_shown'],
      );
      const { catalog } = await liveContent(ctx, query.group);
      const byId = new Map(catalog.map((e) => [e.id, e]));
      const ids = new Set(rows.filter((r) => r.metric !== 'read_aloud').map((r) => r.key ?? ''));
      for (const r of rows)
        if (r.metric === 'read_aloud' && r.key?.startsWith('article:')) ids.add(r.key.slice(8));
      const count = (metric: Metric, key: string) =>
        rows.find((r) => r.metric === metric && r.key === key)?.count ?? 0;
      const articles = [...ids]
        .map((id) => ({
          article: id,
          topic: byId.get(id)?.topic ?? null,
          audience: byId.get(id)?.audience ?? null,
          title: byId.get(id)?.title['zh-CN'] ?? null,
          opens: count('article_open', id),
          completions: count('article_complete', id),
          completionRate: percent(count('article_complete', id), count('article_open', id)),
          readAloud: count('read_aloud', `article:${id}`),
          qrShown: count('qr_shown', id),
        }))
        .filter((a) => !query.topic || a.topic === query.topic)
        .sort((a, b) => b.opens - a.opens || (a.article < b.article ? -1 : 1));
      if (name === 'articles') {
        return {
          // The audience is a column of its own report, so this table keeps its shape.
          columns: [
            'article',
            'topic',
            'title',
            'opens',
            'completions',
            'completionRate',
            'readAloud',
            'qrShown',
          ],
          rows: articles.map(({ audience: _, ...a }) => a),
        };
      }
      if (name === 'audiences') return audiencesTable(articles);
      const dim = 'topic';
      const groupOf = (a: (typeof articles)[number]) => a[dim] ?? 'unknown';
      const groups = [...new Set(articles.map(groupOf))].sort();
      return {
        columns: [dim, 'articles', 'opens', 'completions', 'completionRate'],
        rows: groups.map((group) => {
          const mine = articles.filter((a) => groupOf(a) === group);
          const opens = mine.reduce((n, a) => n + a.opens, 0);
          const completions = mine.reduce((n, a) => n + a.completions, 0);
          return {
            [dim]: group,
            articles: mine.length,
            opens,
            completions,
            completionRate: percent(completions, opens),
          };
        }),
      };
    }
    case 'stations':
    case 'towns':
    case 'groups': {
      const dim = name === 'stations' ? 'station' : name === 'towns' ? 'town' : 'group';
      const metrics: Metric[] = ['article_open', 'article_complete', 'quiz_complete', 'tutorial_complete'];
      const rows = await totals([dim, 'metric'], metrics);
      const keyOf = (r: UsageRow) =>
        (dim === 'station' ? r.stationId : dim === 'town' ? r.town : r.group) ?? '';
      const stations = new Map((await ctx.store.listStations()).map((s) => [s.id, s]));
      const keys = [...new Set(rows.map(keyOf))];
      const figures = (key: string) => {
        const mine = rows.filter((r) => keyOf(r) === key);
        return {
          opens: sum(mine, 'article_open'),
          completions: sum(mine, 'article_complete'),
          quizzes: sum(mine, 'quiz_complete'),
          tutorials: sum(mine, 'tutorial_complete'),
        };
      };
      if (dim === 'station') {
        return {
          columns: ['station', 'name', 'town', 'group', 'opens', 'completions', 'quizzes', 'tutorials'],
          rows: keys.map((id) => {
            const s = stations.get(id);
            return {
              station: id,
              name: s?.name ?? null,
              town: s?.town ?? null,
              group: s?.group ?? null,
              ...figures(id),
            };
          }),
        };
      }
      return {
        columns: [dim, 'opens', 'completions', 'quizzes', 'tutorials'],
        rows: keys.map((key) => ({ [dim]: key, ...figures(key) })),
      };
    }
    case 'quizzes': {
      const rows = await totals(['metric', 'key'], ['quiz_start', 'quiz_complete', 'quiz_score']);
      const quizzes = new Set(rows.map((r) => (r.key ?? '').split('/')[0] ?? ''));
      return {
        columns: ['quiz', 'starts', 'completions', 'scored', 'averageScore'],
        rows: [...quizzes]
          .filter((q) => !query.topic || q === `topic:${query.topic}`)
          .sort()
          .map((quiz) => {
            // Scores arrive in tenths: `<quiz>/7` is a 70 % result.
            const scores = rows.filter((r) => r.metric === 'quiz_score' && r.key?.startsWith(`${quiz}/`));
            const scored = scores.reduce((n, r) => n + r.count, 0);
            const points = scores.reduce((n, r) => n + Number(r.key?.split('/')[1]) * r.count, 0);
            return {
              quiz,
              starts: rows.find((r) => r.metric === 'quiz_start' && r.key === quiz)?.count ?? 0,
              completions: rows.find((r) => r.metric === 'quiz_complete' && r.key === quiz)?.count ?? 0,
              scored,
              averageScore: scored > 0 ? Math.round((points / scored) * 100) / 10 : null,
            };
          }),
      };
    }
    case 'questions':
      return questionsReport(
        await totals(['key'], ['quiz_option']),
        await liveContent(ctx, query.group),
        query,
      );
    case 'tutorials': {
      const rows = await totals(['metric', 'key'], ['tutorial_start', 'tutorial_step', 'tutorial_complete']);
      const tutorials = [...new Set(rows.map((r) => (r.key ?? '').split('/')[0] ?? ''))].sort();
      const out: Array<Record<string, Cell>> = [];
      for (const tutorial of tutorials) {
        const starts = rows.find((r) => r.metric === 'tutorial_start' && r.key === tutorial)?.count ?? 0;
        out.push({ tutorial, stage: 'start', count: starts, shareOfStarts: percent(starts, starts) });
        const steps = rows
          .filter((r) => r.metric === 'tutorial_step' && r.key?.startsWith(`${tutorial}/`))
          .map((r) => ({ step: Number(r.key?.split('/')[1]), count: r.count }))
          .sort((a, b) => a.step - b.step);
        for (const s of steps) {
          out.push({
            tutorial,
            stage: `step ${s.step}`,
            count: s.count,
            shareOfStarts: percent(s.count, starts),
          });
        }
        const done = rows.find((r) => r.metric === 'tutorial_complete' && r.key === tutorial)?.count ?? 0;
        out.push({ tutorial, stage: 'complete', count: done, shareOfStarts: percent(done, starts) });
      }
      return { columns: ['tutorial', 'stage', 'count', 'shareOfStarts'], rows: out };
    }
    case 'uptime':
      return uptimeReport(ctx, query);
    case 'languages': {
      const rows = await totals(['key'], ['language']);
      const all = rows.reduce((n, r) => n + r.count, 0);
      return {
        columns: ['language', 'count', 'share'],
        rows: rows.map((r) => ({ language: r.key ?? '', count: r.count, share: percent(r.count, all) })),
      };
    }
  }
}

const MAX_OPTIONS = 8;

/**
 * Per question: answers, how many were right, and how the answers spread over the options
 * (option1..option8; a true/false question's option1 is true, option2 false). The questions
 * most people get wrong come first: they are the misconceptions to address next.
 */
function questionsReport(
  rows: UsageRow[],
  live: { questions: Map<string, QuizQuestion & { topic: string }> },
  query: ReportQuery,
): Table {
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const [id = '', option = ''] = (r.key ?? '').split('/');
    const mine = counts.get(id) ?? new Map<string, number>();
    mine.set(option, (mine.get(option) ?? 0) + r.count);
    counts.set(id, mine);
  }
  const optionColumns = Array.from({ length: MAX_OPTIONS }, (_, i) => `option${i + 1}`);
  const out = [...counts].map(([id, options]) => {
    const q = live.questions.get(id);
    const keys =
      q?.type === 'truefalse'
        ? ['true', 'false']
        : Array.from({ length: q && 'options' in q ? q.options.length : MAX_OPTIONS }, (_, i) => String(i));
    const answers = [...options.values()].reduce((n, c) => n + c, 0);
    // A multiple-answer question's counters are per option picked, so its share right is unknown.
    let correctKeys: string[] | null = null;
    if (q?.type === 'truefalse') correctKeys = [String(q.answer)];
    else if (q && q.type !== 'multiple') correctKeys = [String(q.answer)];
    const correct = correctKeys ? correctKeys.reduce((n, k) => n + (options.get(k) ?? 0), 0) : null;
    const row: Record<string, Cell> = {
      question: id,
      topic: q?.topic ?? null,
      text: q?.question['zh-CN'] ?? null,
      type: q?.type ?? null,
      answers,
      correct,
      correctShare: correct === null ? null : percent(correct, answers),
      correctOption:
        q?.type === 'multiple'
          ? q.answer.map((a) => a + 1).join(' ')
          : correctKeys
            ? String(keys.indexOf(correctKeys[0] ?? '') + 1)
            : null,
    };
    optionColumns.forEach((column, i) => {
      row[column] = i < keys.length ? (options.get(keys[i] ?? '') ?? 0) : null;
    });
    return row;
  });
  const share = (r: Record<string, Cell>) => (typeof r.correctShare === 'number' ? r.correctShare : 101);
  return {
    columns: [
      'question',
      'topic',
      'text',
      'type',
      'answers',
      'correct',
      'correctShare',
      'correctOption',
      ...optionColumns,
    ],
    rows: out
      .filter((r) => !query.topic || r.topic === query.topic)
      .sort((a, b) => share(a) - share(b) || Number(b.answers) - Number(a.answers)),
  };
}
