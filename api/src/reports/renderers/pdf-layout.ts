import type PDFDocument from 'pdfkit';
import { cellUnit, formatFigure, type Column, type ReportTable } from '@ctm/reports';

export type Doc = InstanceType<typeof PDFDocument>;

export const INK = '#000000';
export const GREY = '#555555';
export const RULE = '#999999';
export const FILL = '#e6e6e6';

/** Characters the PDF's built-in fonts can draw (WinAnsi); anything else becomes '?', never a wrong glyph. */
export function pdfSafe(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, '?');
}

/** Space left on the page below y, above the bottom margin. */
export function roomLeft(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom - doc.y;
}

/** A section title; starts a new page when too little room is left for the title and a few lines. */
export function sectionTitle(doc: Doc, title: string, needs = 80): void {
  if (roomLeft(doc) < needs) doc.addPage();
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(pdfSafe(title), doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
}

/** Column widths: text columns get twice a number column's share, within the page's width. */
function widths(doc: Doc, columns: Column[]): number[] {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const weights = columns.map((c) =>
    c.unit !== 'text' || NARROW.has(c.key) ? 1 : c.key === 'explanation' ? 6 : c.key === 'campaign' ? 3 : 2,
  );
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (width * w) / total);
}

const PAD = 3;
const SIZE = 7.5;
/** Header labels a size smaller, so that one word (Impressions) fits a number column whole. */
const HEADER_SIZE = 6.5;
/** Text columns of short codes: as narrow as a number column. */
const NARROW = new Set(['status', 'currency', 'level', 'subject', 'unit', 'action']);

/**
 * A table that flows over pages, its header row repeated at the top of each; numbers right-aligned
 * and formatted as printed (counts, money with its currency, percentages).
 */
export function drawTable(doc: Doc, table: ReportTable, empty: string): void {
  if (table.rows.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(9).fillColor(GREY).text(pdfSafe(empty), doc.page.margins.left, doc.y);
    return;
  }
  const cols = widths(doc, table.columns);
  const header = table.columns.map((c) => c.label);
  const cells = table.rows.map((row) =>
    table.columns.map((col) => {
      const { unit, currency } = cellUnit(col, row);
      return formatFigure(row[col.key] ?? null, unit, currency);
    }),
  );
  drawRow(doc, header, cols, table.columns, true);
  for (const row of cells) {
    if (rowHeight(doc, row, cols) > roomLeft(doc)) {
      doc.addPage();
      drawRow(doc, header, cols, table.columns, true);
    }
    drawRow(doc, row, cols, table.columns, false);
  }
  doc.x = doc.page.margins.left;
}

function rowHeight(doc: Doc, texts: string[], cols: number[]): number {
  doc.font('Helvetica').fontSize(SIZE);
  return Math.max(...texts.map((t, i) => doc.heightOfString(pdfSafe(t), { width: cols[i]! - 2 * PAD }))) + 2 * PAD;
}

function drawRow(doc: Doc, texts: string[], cols: number[], columns: Column[], header: boolean): void {
  doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(header ? HEADER_SIZE : SIZE);
  const h = Math.max(...texts.map((t, i) => doc.heightOfString(pdfSafe(t), { width: cols[i]! - 2 * PAD }))) + 2 * PAD;
  const top = doc.y;
  let x = doc.page.margins.left;
  const full = cols.reduce((a, b) => a + b, 0);
  if (header) doc.rect(x, top, full, h).fill(FILL);
  texts.forEach((t, i) => {
    const numeric = columns[i]!.unit !== 'text' && columns[i]!.unit !== 'day' && columns[i]!.unit !== 'datetime';
    doc
      .fillColor(INK)
      .text(pdfSafe(t), x + PAD, top + PAD, { width: cols[i]! - 2 * PAD, align: numeric ? 'right' : 'left' });
    x += cols[i]!;
  });
  doc
    .moveTo(doc.page.margins.left, top + h)
    .lineTo(doc.page.margins.left + full, top + h)
    .lineWidth(header ? 0.8 : 0.3)
    .strokeColor(RULE)
    .stroke();
  doc.x = doc.page.margins.left;
  doc.y = top + h;
}
