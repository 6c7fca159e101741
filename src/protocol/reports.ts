/** The usage dashboards' tables, in display order; each is served as JSON and CSV by the hub. */
export const REPORTS = [
  'overview',
  'days',
  'articles',
  'topics',
  'audiences',
  'stations',
  'towns',
  'groups',
  'quizzes',
  'questions',
  'tutorials',
  'languages',
  'uptime',
] as const;

/** One dashboard table. */
export type ReportName = (typeof REPORTS)[number];
