import PDFDocument from 'pdfkit';
import { formatChange, reportTables, type ReportContent, type ReportTable } from '@ctm/reports';
import { barChart, horizontalBars, lineChart } from './pdf-charts.js';
import { drawTable, GREY, INK, pdfSafe, roomLeft, sectionTitle, type Doc } from './pdf-layout.js';

/** What each table says when it has no row. */
const EMPTY: Record<string, string> = {
  campaigns: 'No campaign had delivery or contacts in these days.',
  top_ref_links: 'No ref link brought contacts in these days.',
  bottom_ref_links: 'No other ref link to list.',
  block_rate_warnings: 'No page, campaign or ref link went over the block-rate threshold.',
  policy_enforcement: 'Meta sent no policy enforcement notice in these days.',
  reconciliation_causes: 'Meta and the webhooks agree: no gap to explain.',
};

/**
 * The report as a PDF: A4 landscape; headline figures, charts drawn as vector shapes in greys and
 * black (it prints in black and white), then every table over as many pages as it needs with its
 * header repeated; the workspace, the days and the generation time on every page.
 */
export async function renderPdf(content: ReportContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 56, bottom: 40, left: 40, right: 40 },
    bufferPages: true,
    info: { Title: pdfSafe(title(content)), Author: 'ctm-analytics', CreationDate: new Date(content.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const tables = new Map(reportTables(content).map((t) => [t.id, t]));
  cover(doc, content, tables.get('summary')!);
  charts(doc, content);
  for (const id of ['campaigns', 'top_ref_links', 'bottom_ref_links', 'block_rate_warnings', 'policy_enforcement']) {
    const table = tables.get(id)!;
    sectionTitle(doc, table.title);
    drawTable(doc, table, EMPTY[id] ?? '');
  }
  sectionTitle(doc, 'Reconciliation: what Meta counted against what the webhooks showed');
  drawTable(doc, tables.get('reconciliation')!, '');
  sectionTitle(doc, tables.get('reconciliation_causes')!.title);
  drawTable(doc, tables.get('reconciliation_causes')!, EMPTY['reconciliation_causes']!);
  sectionTitle(doc, tables.get('daily')!.title);
  drawTable(doc, tables.get('daily')!, '');
  stampPages(doc, content);
  doc.end();
  return done;
}

function title(c: ReportContent): string {
  return `${c.workspace.name}: ${c.week ? `weekly report ${c.week}` : 'report'}, ${c.range.from} to ${c.range.to}`;
}

function cover(doc: Doc, c: ReportContent, summary: ReportTable): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor(INK)
    .text(pdfSafe(title(c)));
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(GREY)
    .text(
      pdfSafe(
        `Days in ${c.workspace.timeZone}, compared with ${c.comparison.from} to ${c.comparison.to}. ` +
          `Data as of: last ads sync ${c.freshness.lastSyncAt ?? 'never'}, last webhook ${c.freshness.lastWebhookAt ?? 'never'} (UTC). ` +
          `Money is shown per currency, never summed across currencies.`,
      ),
    );
  sectionTitle(doc, 'Headline figures');
  const withChange: ReportTable = {
    ...summary,
    columns: summary.columns
      .filter((col) => col.key !== 'unit' && col.key !== 'change')
      .concat({ key: 'changeText', label: 'Change', unit: 'text' }),
    rows: summary.rows.map((r) => ({ ...r, changeText: formatChange((r['change'] as number | null) ?? null) })),
  };
  drawTable(doc, withChange, '');
}

function charts(doc: Doc, c: ReportContent): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const days = c.daily.map((d) => d.day);
  const chartH = 150;
  sectionTitle(doc, 'Day by day', chartH + 40);
  const perRow = 1 + c.currencies.length > 2 ? 3 : 2;
  const w = (width - (perRow - 1) * 20) / perRow;
  const boxes = [
    () => (box: { x: number; y: number; w: number; h: number }) =>
      barChart(
        doc,
        box,
        'New contacts per day',
        days,
        c.daily.map((d) => d.newContacts),
        'count',
      ),
    ...c.currencies.map(
      (cur) => () => (box: { x: number; y: number; w: number; h: number }) =>
        lineChart(
          doc,
          box,
          `Spend per day (${cur})`,
          days,
          c.daily.map((d) => d.spend[cur] ?? 0),
          cur,
        ),
    ),
  ];
  let y = doc.y;
  boxes.forEach((make, i) => {
    const col = i % perRow;
    if (col === 0 && i > 0) y += chartH + 16;
    if (col === 0 && y + chartH > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.y;
    }
    make()({ x: left + col * (w + 20), y, w, h: chartH });
  });
  doc.x = left;
  doc.y = y + chartH + 10;
  const bars = c.campaigns.map((r) => ({
    label: r.name,
    value: r.figures.find((f) => f.id === 'conversionRate')?.value ?? null,
  }));
  const needs = 30 + bars.length * 12;
  if (roomLeft(doc) < Math.min(needs, 200)) doc.addPage();
  if (bars.length === 0) return;
  let start = 0;
  while (start < bars.length) {
    const fit = Math.max(1, Math.floor((roomLeft(doc) - 24) / 12));
    const end = horizontalBars(
      doc,
      { x: left, y: doc.y + 8, w: width, h: 0 },
      start === 0 ? 'Conversion rate by campaign' : 'Conversion rate by campaign (continued)',
      bars.slice(start, start + fit),
      'ratio',
    );
    start += fit;
    doc.x = left;
    doc.y = end + 6;
    if (start < bars.length) doc.addPage();
  }
}

/** The workspace, the days, the generation time and the page number on every page. */
function stampPages(doc: Doc, c: ReportContent): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const saved = { ...margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const width = doc.page.width - saved.left - saved.right;
    doc.font('Helvetica').fontSize(8).fillColor(GREY);
    doc.text(
      pdfSafe(
        `${c.workspace.name} | ${c.range.from} to ${c.range.to} (${c.workspace.timeZone}) | generated ${c.generatedAt}`,
      ),
      saved.left,
      24,
      { width, lineBreak: false },
    );
    doc.text(`Page ${i + 1} of ${range.count}`, saved.left, doc.page.height - 26, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins = saved;
  }
}
