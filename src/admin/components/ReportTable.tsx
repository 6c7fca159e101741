import type { Locale } from '../../protocol/locales.ts';
import { useConsole, useT } from '../context.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Cell, ReportTable as Table } from '../types.ts';
import { type Column, DataTable } from './DataTable.tsx';

/** Columns that hold shares in percent. */
const PERCENT = new Set(['completionRate', 'correctShare', 'shareOfStarts', 'share', 'averageScore']);

/** A cell as people read it: numbers for the locale, shares with %, nothing as a dash. */
export function cellText(locale: Locale, column: string, value: Cell): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'number') {
    const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    return PERCENT.has(column) ? `${n} %` : n;
  }
  return value;
}

/**
 * One report as a sortable table with its CSV download: the columns the hub sent (minus
 * `hide`), labelled in the console's language, with the same numbers as the CSV.
 */
export function ReportTable(props: {
  table: Table;
  caption: string;
  csv: string;
  hide?: string[];
  extra?: Column<Record<string, Cell>>[];
  initialSort?: { key: string; descending?: boolean };
}) {
  const { locale } = useConsole();
  const t = useT();
  const columns: Column<Record<string, Cell>>[] = props.table.columns
    .filter((c) => !props.hide?.includes(c))
    .map((c) => ({
      key: c,
      label: t(`col.${c}` as MessageKey),
      cell: (row) =>
        cellText(
          locale.value,
          c,
          (c === 'topic' || c === 'audience') && row[c]
            ? t(`${c}.${row[c]}` as MessageKey)
            : (row[c] ?? null),
        ),
      sort: (row) => row[c] ?? null,
      numeric: props.table.rows.some((r) => typeof r[c] === 'number'),
    }));
  return (
    <DataTable
      id={props.table.report}
      caption={props.caption}
      csv={props.csv}
      rows={props.table.rows}
      rowKey={(row) => props.table.columns.map((c) => String(row[c])).join('|')}
      columns={[...columns, ...(props.extra ?? [])]}
      {...(props.initialSort ? { initialSort: props.initialSort } : {})}
    />
  );
}
