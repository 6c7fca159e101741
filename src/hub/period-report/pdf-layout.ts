import PDFDocument from 'pdfkit';
import type { ReportFonts } from './fonts.ts';

/** A4 in points, with the report's margins. */
export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 24;

/** The report's colours: dark ink on white, one brand blue, one warm accent (all >= 7:1 on white but the bars). */
export const COLORS = {
  ink: '#1a1a1a',
  muted: '#3d3d3d',
  brand: '#17406e',
  bar: '#2b6cb0',
  bar2: '#9bbbe0',
  accent: '#b0410a',
  grid: '#c9d2de',
  shade: '#eef2f7',
} as const;

/** A page cursor over a pdfkit document: headings, paragraphs, figures and tables flow down and break pages. */
export class Layout {
  readonly doc: PDFKit.PDFDocument;
  y: number = PAGE.margin;

  constructor(fonts: ReportFonts, info: { title: string; lang: string }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      bufferPages: true,
      autoFirstPage: true,
      lang: info.lang,
      displayTitle: true,
      info: { Title: info.title, Author: '科普e站 Kepu e-Station', Creator: 'Kepu e-Station hub' },
    });
    this.doc.registerFont('body', fonts.regular.file, fonts.regular.face);
    this.doc.registerFont('bold', fonts.bold.file, fonts.bold.face);
    this.doc.font('body').fillColor(COLORS.ink);
  }

  /** Room for `height` more points on this page, or a new page. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE.margin;
  }

  /** Writes text at the cursor across `width` and moves below it. */
  text(
    value: string,
    options: { size?: number; bold?: boolean; color?: string; x?: number; width?: number; gap?: number } = {},
  ): void {
    const {
      size = 10,
      bold = false,
      color = COLORS.ink,
      x = PAGE.margin,
      width = CONTENT_WIDTH,
      gap = 4,
    } = options;
    this.doc
      .font(bold ? 'bold' : 'body')
      .fontSize(size)
      .fillColor(color);
    const height = this.doc.heightOfString(value, { width, lineGap: 2 });
    this.ensure(height);
    this.doc.text(value, x, this.y, { width, lineGap: 2 });
    this.y += height + gap;
  }

  /** A section heading with a rule under it. */
  heading(value: string): void {
    this.ensure(60);
    this.y += 8;
    this.text(value, { size: 14, bold: true, color: COLORS.brand, gap: 2 });
    this.doc
      .moveTo(PAGE.margin, this.y)
      .lineTo(PAGE.margin + CONTENT_WIDTH, this.y)
      .lineWidth(1)
      .strokeColor(COLORS.brand)
      .stroke();
    this.y += 8;
  }

  /** One line of text that never wraps: cut with an ellipsis to fit. */
  cell(
    value: string,
    x: number,
    y: number,
    width: number,
    options: { size?: number; bold?: boolean; align?: 'left' | 'right' | 'center'; color?: string } = {},
  ): void {
    this.doc
      .font(options.bold ? 'bold' : 'body')
      .fontSize(options.size ?? 9)
      .fillColor(options.color ?? COLORS.ink)
      .text(value, x, y, {
        width,
        align: options.align ?? 'left',
        lineBreak: false,
        ellipsis: true,
        height: (options.size ?? 9) * 1.6,
      });
  }

  /** Big figures in boxes, three to a row. */
  stats(items: ReadonlyArray<readonly [label: string, value: string]>): void {
    const cols = 3;
    const gap = 10;
    const w = (CONTENT_WIDTH - gap * (cols - 1)) / cols;
    const h = 56;
    for (let i = 0; i < items.length; i += cols) {
      this.ensure(h + gap);
      items.slice(i, i + cols).forEach(([label, value], j) => {
        const x = PAGE.margin + j * (w + gap);
        this.doc.roundedRect(x, this.y, w, h, 4).fillColor(COLORS.shade).fill();
        this.cell(value, x + 10, this.y + 8, w - 20, { size: 18, bold: true, color: COLORS.brand });
        this.cell(label, x + 10, this.y + 36, w - 20, { size: 9, color: COLORS.muted });
      });
      this.y += h + gap;
    }
  }

  /** A table: a shaded header (repeated after a page break) and one line per row. */
  table<R>(
    columns: ReadonlyArray<{
      label: string;
      width: number;
      align?: 'left' | 'right';
      cell: (row: R) => string;
    }>,
    rows: readonly R[],
    empty: string,
  ): void {
    const rowH = 16;
    const total = columns.reduce((n, c) => n + c.width, 0);
    const scale = CONTENT_WIDTH / total;
    const header = () => {
      this.doc
        .rect(PAGE.margin, this.y, CONTENT_WIDTH, rowH + 2)
        .fillColor(COLORS.shade)
        .fill();
      let x = PAGE.margin;
      for (const c of columns) {
        this.cell(c.label, x + 4, this.y + 4, c.width * scale - 8, { bold: true, align: c.align ?? 'left' });
        x += c.width * scale;
      }
      this.y += rowH + 2;
    };
    this.ensure(rowH * 3);
    header();
    if (rows.length === 0) {
      this.cell(empty, PAGE.margin + 4, this.y + 3, CONTENT_WIDTH - 8, { color: COLORS.muted });
      this.y += rowH + 6;
      return;
    }
    for (const row of rows) {
      if (this.y + rowH > BOTTOM) {
        this.newPage();
        header();
      }
      let x = PAGE.margin;
      for (const c of columns) {
        this.cell(c.cell(row), x + 4, this.y + 3, c.width * scale - 8, { align: c.align ?? 'left' });
        x += c.width * scale;
      }
      this.doc
        .moveTo(PAGE.margin, this.y + rowH)
        .lineTo(PAGE.margin + CONTENT_WIDTH, this.y + rowH)
        .lineWidth(0.5)
        .strokeColor(COLORS.grid)
        .stroke();
      this.y += rowH;
    }
    this.y += 8;
  }

  /** Page numbers and a line of provenance at the foot of every page. */
  footers(text: (page: number, pages: number) => string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      // Text in the bottom margin would otherwise start a new page.
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.cell(text(i + 1, range.count), PAGE.margin, PAGE.height - PAGE.margin + 6, CONTENT_WIDTH, {
        size: 8,
        color: COLORS.muted,
        align: 'center',
      });
      this.doc.page.margins.bottom = bottom;
    }
  }

  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
