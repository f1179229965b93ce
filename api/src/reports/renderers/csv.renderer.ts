import { PassThrough } from 'node:stream';
import { ZipArchive } from 'archiver';
import { stringify } from 'csv-stringify/sync';
import { reportTables, type ReportContent, type ReportTable } from '@ctm/reports';

const BOM = '\uFEFF';

/** One table as RFC 4180 CSV (CRLF, quotes where needed), UTF-8; numbers as plain numbers, rates as fractions. */
export function tableCsv(table: ReportTable, bom: boolean): string {
  const text = stringify(
    table.rows.map((row) => table.columns.map((col) => row[col.key] ?? '')),
    { header: true, columns: table.columns.map((col) => col.label), record_delimiter: '\r\n', quoted_match: /^\s|\s$/ },
  );
  return bom ? BOM + text : text;
}

/** The report as a zip of one CSV file per table, named by the table. */
export async function renderCsvZip(content: ReportContent, bom: boolean): Promise<Buffer> {
  const zip = new ZipArchive({ zlib: { level: 9 } });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    zip.on('error', reject);
  });
  zip.pipe(out);
  reportTables(content).forEach((table, i) =>
    zip.append(tableCsv(table, bom), {
      name: `${String(i + 1).padStart(2, '0')}-${table.id}.csv`,
      date: new Date(content.generatedAt),
    }),
  );
  await zip.finalize();
  await done;
  return Buffer.concat(chunks);
}
