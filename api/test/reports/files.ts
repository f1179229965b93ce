import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';

/** A workbook's sheets as rows of cell values, with each cell's number format. */
export async function readXlsx(bytes: ArrayBuffer): Promise<{
  names: string[];
  sheet(name: string): { rows: unknown[][]; formats: (string | undefined)[][]; frozenRows: number };
}> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  return {
    names: book.worksheets.map((s) => s.name),
    sheet(name) {
      const sheet = book.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}: ${book.worksheets.map((s) => s.name).join(', ')}`);
      const rows: unknown[][] = [];
      const formats: (string | undefined)[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row, n) => {
        const values = row.values as unknown[];
        rows[n - 1] = values.slice(1);
        formats[n - 1] = values.slice(1).map((_, i) => row.getCell(i + 1).numFmt || undefined);
      });
      const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
      return { rows, formats, frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0 };
    },
  };
}

/** A zip's CSV files: name → raw text and parsed records (first line: the header). */
export async function readCsvZip(bytes: ArrayBuffer): Promise<Map<string, { text: string; records: string[][] }>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, { text: string; records: string[][] }>();
  for (const name of Object.keys(zip.files).sort()) {
    const raw = await zip.files[name]!.async('uint8array');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw);
    out.set(name, { text, records: parse(text, { bom: true, relax_column_count: false }) as string[][] });
  }
  return out;
}

/** A PDF's text, all pages, whitespace collapsed; and its page count. */
export async function pdfText(bytes: ArrayBuffer): Promise<{ text: string; pages: string[] }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const pages = (text as string[]).map((p) => p.replace(/\s+/g, ' '));
  return { text: pages.join(' '), pages };
}
