/** Shared pieces of the benchmarks: result rows, the table, RESULTS.md. */
import { cpus, totalmem } from 'node:os';

/** One measured figure against its budget. `lowerIsBetter` decides the verdict's direction. */
export interface Row {
  figure: string;
  measured: number;
  budget: number;
  unit: string;
  lowerIsBetter: boolean;
  note?: string;
}

export function verdict(row: Row): 'ok' | 'MISSED' {
  return (row.lowerIsBetter ? row.measured <= row.budget : row.measured >= row.budget) ? 'ok' : 'MISSED';
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The rows as a Markdown table (figure, measured, budget, verdict). */
export function table(rows: readonly Row[]): string {
  const lines = ['| figure | measured | budget | verdict |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    const budget = `${r.lowerIsBetter ? '≤' : '≥'} ${fmt(r.budget)} ${r.unit}`;
    lines.push(
      `| ${r.figure} | ${fmt(r.measured)} ${r.unit}${r.note ? ` (${r.note})` : ''} | ${budget} | ${verdict(r)} |`,
    );
  }
  return lines.join('\n');
}

/** One line describing this machine, for RESULTS.md. */
export function machine(chromium?: string): string {
  const cpu = cpus();
  return [
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `Node ${process.version}`,
    chromium ? `Chromium ${chromium}` : undefined,
    process.platform,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The p-th percentile (0..100), nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}
