import { COLORS, CONTENT_WIDTH, type Layout, PAGE } from './pdf-layout.ts';

/** One series of a bar chart: its name in the legend and its colour. */
export interface Series {
  name: string;
  color: string;
}

/** A round step for an axis that reaches at least `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= max) ?? 10;
  return step * power;
}

function legend(l: Layout, series: readonly Series[]): void {
  let x = PAGE.margin;
  l.ensure(16);
  for (const s of series) {
    l.doc
      .rect(x, l.y + 2, 9, 9)
      .fillColor(s.color)
      .fill();
    const w = l.doc.font('body').fontSize(8.5).widthOfString(s.name);
    l.cell(s.name, x + 13, l.y + 1, w + 4, { size: 8.5, color: COLORS.muted });
    x += w + 30;
  }
  l.y += 16;
}

/**
 * Horizontal bars, one group per row: the row's label on the left, bars to scale, the figure
 * written after each bar (so no reader depends on colour or on reading the scale). An optional
 * goal line (the plan's 12 %) is drawn across every row.
 */
export function barChart(
  l: Layout,
  rows: ReadonlyArray<{ label: string; values: readonly number[]; texts: readonly string[] }>,
  series: readonly Series[],
  options: { max?: number; goal?: { value: number; label: string }; labelWidth?: number } = {},
): void {
  if (rows.length === 0) return;
  const labelW = options.labelWidth ?? 150;
  const textW = 54;
  const barX = PAGE.margin + labelW + 6;
  const barW = CONTENT_WIDTH - labelW - 6 - textW;
  const barH = 9;
  const max = niceMax(options.max ?? Math.max(1, ...rows.flatMap((r) => r.values), options.goal?.value ?? 0));
  if (series.length > 1) legend(l, series);
  const rowH = series.length * (barH + 2) + 6;
  for (const row of rows) {
    l.ensure(rowH);
    l.cell(row.label, PAGE.margin, l.y + (rowH - 6) / 2 - 5, labelW, { size: 8.5 });
    row.values.forEach((value, i) => {
      const y = l.y + i * (barH + 2);
      const w = Math.max(value > 0 ? 1 : 0, (value / max) * barW);
      l.doc
        .rect(barX, y, w, barH)
        .fillColor(series[i]?.color ?? COLORS.bar)
        .fill();
      l.cell(row.texts[i] ?? '', barX + w + 4, y, textW + barW - w, { size: 8, color: COLORS.muted });
    });
    if (options.goal) {
      const gx = barX + (options.goal.value / max) * barW;
      l.doc
        .moveTo(gx, l.y - 2)
        .lineTo(gx, l.y + rowH - 4)
        .lineWidth(1.5)
        .dash(3, { space: 2 })
        .strokeColor(COLORS.accent)
        .stroke()
        .undash();
    }
    l.y += rowH;
  }
  if (options.goal) {
    const gx = barX + (options.goal.value / max) * barW;
    l.cell(options.goal.label, gx - 60, l.y, 120, {
      size: 8,
      color: COLORS.accent,
      align: 'center',
      bold: true,
    });
    l.y += 14;
  }
  l.y += 6;
}

/** Columns over days (opens and completions per day), with a light grid and the axis maximum written. */
export function dayChart(
  l: Layout,
  days: ReadonlyArray<{ day: string; values: readonly number[] }>,
  series: readonly Series[],
  emptyText: string,
): void {
  const height = 120;
  l.ensure(height + 40);
  legend(l, series);
  const top = l.y;
  const axisW = 34;
  const x0 = PAGE.margin + axisW;
  const w = CONTENT_WIDTH - axisW;
  const max = niceMax(Math.max(0, ...days.flatMap((d) => d.values)));
  // Gridlines at whole numbers: as many steps (5, 4 or 2) as divide the axis evenly.
  const steps = [5, 4, 2].find((s) => max % s === 0) ?? 1;
  for (let i = 0; i <= steps; i++) {
    const y = top + height - (height * i) / steps;
    l.doc
      .moveTo(x0, y)
      .lineTo(x0 + w, y)
      .lineWidth(0.5)
      .strokeColor(COLORS.grid)
      .stroke();
    l.cell(String((max * i) / steps), PAGE.margin, y - 5, axisW - 4, {
      size: 7.5,
      align: 'right',
      color: COLORS.muted,
    });
  }
  if (days.length === 0) {
    l.cell(emptyText, x0, top + height / 2 - 6, w, { align: 'center', color: COLORS.muted });
  }
  const slot = days.length > 0 ? w / days.length : w;
  const bar = Math.max(1, (slot * 0.8) / series.length);
  days.forEach((d, i) => {
    d.values.forEach((value, j) => {
      const h = (value / max) * height;
      l.doc
        .rect(x0 + i * slot + slot * 0.1 + j * bar, top + height - h, bar, h)
        .fillColor(series[j]?.color ?? COLORS.bar)
        .fill();
    });
    // A date under every few columns: the first, then about every fifth.
    const every = Math.max(1, Math.ceil(days.length / 10));
    if (i % every === 0)
      l.cell(d.day.slice(5), x0 + i * slot - 10, top + height + 3, 40, { size: 7.5, color: COLORS.muted });
  });
  l.y = top + height + 18;
}
