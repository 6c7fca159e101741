import { AUDIENCES } from '../protocol/content-doc.ts';
import { percent, type Table } from './reports.ts';

/** What the audiences table needs of one article's row in the articles report. */
interface ArticleFigures {
  audience: string | null;
  opens: number;
  completions: number;
}

/**
 * Opens and completions by the audience each article is written for (the live catalog's
 * `audience`), in the plan's order: everyone, seniors, youth, farmers, workers, officials.
 * Articles no longer in the live catalog are counted as `unknown`, last.
 */
export function audiencesTable(articles: ArticleFigures[]): Table {
  const present = new Set(articles.map((a) => a.audience ?? 'unknown'));
  const order = [...AUDIENCES, 'unknown'].filter((a) => present.has(a));
  return {
    columns: ['audience', 'articles', 'opens', 'completions', 'completionRate'],
    rows: order.map((audience) => {
      const mine = articles.filter((a) => (a.audience ?? 'unknown') === audience);
      const opens = mine.reduce((n, a) => n + a.opens, 0);
      const completions = mine.reduce((n, a) => n + a.completions, 0);
      return {
        audience,
        articles: mine.length,
        opens,
        completions,
        completionRate: percent(completions, opens),
      };
    }),
  };
}
