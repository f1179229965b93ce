import ExcelJS from 'exceljs';
import { cellUnit, excelFormat, reportTables, type ReportContent, type ReportTable } from '@ctm/reports';

/**
 * The report as a workbook: a summary sheet first (what, when, how fresh, the headline figures),
 * then a sheet per table; numbers stay numbers with number, percent and currency formats, and
 * every header row is frozen.
 */
export async function renderXlsx(content: ReportContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ctm-analytics';
  book.created = new Date(content.generatedAt);
  const [summary, ...rest] = reportTables(content);
  addSummarySheet(book, content, summary!);
  for (const table of rest) addTableSheet(book, table);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(title: string): string {
  return title
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim();
}

function addSummarySheet(book: ExcelJS.Workbook, c: ReportContent, table: ReportTable): void {
  const sheet = book.addWorksheet('Summary');
  const about: [string, string][] = [
    ['Workspace', c.workspace.name],
    ['Report', c.week ? `Week ${c.week}` : 'Custom range'],
    ['Days', `${c.range.from} to ${c.range.to} (${c.workspace.timeZone})`],
    ['Compared with', `${c.comparison.from} to ${c.comparison.to}`],
    ['Generated at (UTC)', c.generatedAt],
    ['Last ads sync (UTC)', c.freshness.lastSyncAt ?? 'none'],
    ['Last webhook (UTC)', c.freshness.lastWebhookAt ?? 'none'],
  ];
  for (const line of about) sheet.addRow(line);
  sheet.addRow([]);
  const headerRow = about.length + 2;
  writeTable(sheet, table);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  sheet.getColumn(1).width = 32;
}

function addTableSheet(book: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = book.addWorksheet(sheetName(table.title));
  writeTable(sheet, table);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The table's header and rows from the sheet's next row on, each cell formatted by its column. */
function writeTable(sheet: ExcelJS.Worksheet, table: ReportTable): void {
  const header = sheet.addRow(table.columns.map((col) => col.label));
  header.font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(table.columns.map((col) => row[col.key] ?? null));
    table.columns.forEach((col, i) => {
      const { unit, currency } = cellUnit(col, row);
      const fmt = excelFormat(unit, currency);
      if (fmt && typeof row[col.key] === 'number') added.getCell(i + 1).numFmt = fmt;
    });
  }
  table.columns.forEach((col, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(column.width ?? 0, Math.min(60, Math.max(12, col.label.length + 2)));
  });
}
