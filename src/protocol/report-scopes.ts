/** Report languages and scopes: plain constants the console imports without the validators. */
/** Languages a period report is written in (Noto Sans CJK covers all three). */
export const REPORT_LOCALES = ['zh-CN', 'en', 'vi'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

/** Whom a report covers: the whole county, one town, or one station group. */
export const REPORT_SCOPES = ['county', 'town', 'group'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];
