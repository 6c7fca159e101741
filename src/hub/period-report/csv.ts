import { toCsv } from '../csv.ts';
import type { Table } from '../reports.ts';
import type { PeriodReport } from './model.ts';

/** The report's tables as CSV files, each with the columns and numbers of its JSON report. */
export const PERIOD_CSV_TABLES = [
  'summary',
  'uptime',
  'days',
  'topics',
  'audiences',
  'articles',
  'questions',
  'tutorials',
  'languages',
  'selftest',
] as const;
export type PeriodCsvTable = (typeof PERIOD_CSV_TABLES)[number];

const BOM = '\ufeff';

/** One table of a report as CSV (UTF-8 with a BOM, so spreadsheets read the Chinese right). */
export function periodCsv(report: PeriodReport, table: PeriodCsvTable): string {
  if (table === 'summary') {
    const { fleet, totals, selfTest, period, scope } = report;
    const rows: Array<{ figure: string; value: string | number | null }> = [
      { figure: 'period', value: period.key },
      { figure: 'from', value: period.from },
      { figure: 'to', value: period.to },
      { figure: 'scope', value: scope.scope },
      { figure: 'scopeValue', value: scope.value },
      { figure: 'stationsEnrolled', value: fleet.enrolled },
      { figure: 'stationsReporting', value: fleet.reporting },
      { figure: 'uptimeShare', value: fleet.uptimeShare },
      ...Object.entries(totals).map(([figure, value]) => ({ figure, value })),
      { figure: 'selftestCompleted', value: selfTest.total.completed },
      { figure: 'selftestPassed', value: selfTest.total.passed },
      { figure: 'selftestShare', value: selfTest.total.share },
      { figure: 'planGoalPercent', value: selfTest.goalPercent },
      { figure: 'generatedAt', value: report.generatedAt },
    ];
    return BOM + toCsv(rows, ['figure', 'value']);
  }
  if (table === 'selftest') {
    const rows = [...report.selfTest.towns, { town: '*', ...report.selfTest.total }];
    return BOM + toCsv(rows, ['town', 'completed', 'passed', 'share']);
  }
  const t: Table = report.tables[table] ?? { columns: [], rows: [] };
  return BOM + toCsv(t.rows, t.columns);
}
