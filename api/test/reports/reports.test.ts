import { CAMPAIGN_METRICS, formatFigure } from '@ctm/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoCurrencies } from '../metrics/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { memberHeaders, startTestApp, withHeaders, type RunningApp } from '../support/test-app.js';
import { pdfText, readCsvZip, readXlsx } from './files.js';

const SECRET = 'reports-secret';
const PAGE = '104857600000021';
const WEEK = '2026-W45'; // 2026-11-02 to 11-08, against 10-26 to 11-01
const RANGE = 'from=2026-11-02&to=2026-11-08&compare=2026-10-26,2026-11-01';
// the workspace's time zone is UTC: tomorrow there has no figures yet
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const NAMES = { c_ad1: 'Spring sale – Messenger «EU» für Käufer', c_ad2: 'Winter "VIP", US' };

type Figure = { value: number | null; previous: number | null };
type Report = {
  id: string;
  kind: string;
  week: string | null;
  status: string;
  generatedAt: string;
  freshness: { lastSyncAt: string | null; lastWebhookAt: string | null };
  content: {
    headline: {
      observed: (Figure & { id: string })[];
      byCurrency: { currency: string; figures: (Figure & { id: string })[] }[];
    };
    campaigns: { name: string }[];
  };
};
type Rows = { rows: { id: string; name: string; currency: string; metrics: Record<string, Figure> }[] };

describe.each(databaseKinds)('reports on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let report: Report;
  let campaigns: Rows;
  let overview: {
    observed: Record<string, Figure>;
    byCurrency: { currency: string; metrics: Record<string, Figure> }[];
  };

  const post = (body: unknown, headers = running.authHeaders) =>
    fetch(
      `${running.baseUrl}/api/reports`,
      withHeaders(
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        headers,
      ),
    );
  const download = async (id: string, query: string) => {
    const res = await running.api(`/api/reports/${id}/download?${query}`);
    expect(
      res.status,
      await res
        .clone()
        .text()
        .then((t) => t.slice(0, 200)),
    ).toBe(200);
    return res;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    await seedTwoCurrencies(running, PAGE, SECRET);
    await running.sql.query(`UPDATE workspace SET name = 'Casa Verde Plants' WHERE slug = 'default'`);
    for (const [id, name] of Object.entries(NAMES))
      await running.sql.query(`UPDATE ad_object SET name = $2 WHERE id = $1`, [id, name]);
    const res = await post({ week: WEEK });
    expect(res.status).toBe(201);
    report = (await res.json()) as Report;
    campaigns = (await (await running.api(`/api/campaigns?${RANGE}`)).json()) as Rows;
    overview = (await (await running.api(`/api/overview?${RANGE}`)).json()) as typeof overview;
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('makes a week’s report once, lists it with its freshness, and previews the figures the API gives', async () => {
    expect(report).toMatchObject({ kind: 'weekly', week: WEEK, status: 'ready' });
    expect(report.freshness.lastWebhookAt).not.toBeNull();
    const again = await post({ week: WEEK });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Report).id).toBe(report.id);
    const list = (await (await running.api('/api/reports')).json()) as { reports: Report[] };
    expect(list.reports.map((r) => r.id)).toEqual([report.id]);
    expect(list.reports[0]).not.toHaveProperty('content');
    const preview = (await (await running.api(`/api/reports/${report.id}`)).json()) as Report;
    const observed = Object.fromEntries(preview.content.headline.observed.map((f) => [f.id, f.value]));
    expect(observed['newContacts']).toBe(overview.observed['newContacts']!.value);
    expect(observed['newContacts']).toBeGreaterThan(0);
    expect(observed['conversionRate']).toBe(overview.observed['conversionRate']!.value);
    expect(preview.content.campaigns.map((c) => c.name).sort()).toEqual(campaigns.rows.map((r) => r.name).sort());
  });

  it('the XLSX’s cells equal the API’s figures, numbers with their formats, headers frozen', async () => {
    const res = await download(report.id, 'format=xlsx');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="default-report-${WEEK}.xlsx"`);
    const book = await readXlsx(await res.arrayBuffer());
    expect(book.names[0]).toBe('Summary');
    expect(book.names).toContain('Campaigns');
    const sheet = book.sheet('Campaigns');
    expect(sheet.frozenRows).toBe(1);
    const header = sheet.rows[0] as string[];
    expect(campaigns.rows.length).toBe(2);
    for (const row of campaigns.rows) {
      const i = sheet.rows.findIndex((r) => r[0] === row.name);
      expect(i, row.name).toBeGreaterThan(0);
      for (const id of CAMPAIGN_METRICS) {
        const col = header.indexOf(labelOf(id));
        expect(sheet.rows[i]![col] ?? null, `${row.name} ${id}`).toEqual(row.metrics[id]!.value);
      }
      expect(sheet.formats[i]![header.indexOf('Spend')]).toBe(`#,##0.00 "${row.currency}"`);
      expect(sheet.formats[i]![header.indexOf('Conversion rate')] ?? '0.0%').toBe('0.0%');
    }
    const summary = book.sheet('Summary');
    const at = (figure: string, currency: string) =>
      summary.rows.find((r) => r[0] === figure && (r[1] ?? '') === currency);
    expect(at('New contacts', '')![3]).toBe(overview.observed['newContacts']!.value);
    expect(at('New contacts', '')![4]).toBe(overview.observed['newContacts']!.previous);
    for (const c of overview.byCurrency) expect(at('Spend', c.currency)![3]).toBe(c.metrics['spend']!.value);
    expect(summary.frozenRows).toBeGreaterThan(0);
  });

  it('the CSV zip parses back to the same rows, RFC 4180, with a BOM only when asked', async () => {
    const files = await readCsvZip(await (await download(report.id, 'format=csv')).arrayBuffer());
    expect([...files.keys()]).toContain('02-campaigns.csv');
    const { text, records } = files.get('02-campaigns.csv')!;
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text).toContain('"Winter ""VIP"", US"');
    expect(text.split('\r\n').length).toBe(records.length + 1);
    const [header, ...rows] = records;
    for (const row of campaigns.rows) {
      const line = rows.find((r) => r[0] === row.name)!;
      expect(line, row.name).toBeDefined();
      expect(line[2]).toBe(row.currency);
      for (const id of CAMPAIGN_METRICS) {
        const cell = line[header!.indexOf(labelOf(id))]!;
        expect(cell === '' ? null : Number(cell), `${row.name} ${id}`).toEqual(row.metrics[id]!.value);
      }
    }
    const withBom = await readCsvZip(await (await download(report.id, 'format=csv&bom=1')).arrayBuffer());
    for (const { text: t } of withBom.values()) expect(t.startsWith('\uFEFF')).toBe(true);
  });

  it('the PDF’s text holds the headline figures, every campaign’s name, and the workspace on every page', async () => {
    const res = await download(report.id, 'format=pdf');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { text, pages } = await pdfText(await res.arrayBuffer());
    expect(text).toContain(formatFigure(overview.observed['newContacts']!.value, 'count'));
    expect(text).toContain(formatFigure(overview.observed['conversionRate']!.value, 'ratio'));
    for (const c of overview.byCurrency)
      expect(text).toContain(formatFigure(c.metrics['spend']!.value, 'money', c.currency));
    for (const row of campaigns.rows) expect(text).toContain(row.name);
    for (const page of pages) expect(page).toContain(`Casa Verde Plants | 2026-11-02 to 2026-11-08`);
  });

  it('makes a custom range’s report each time it is asked', async () => {
    const first = await post({ from: '2026-11-01', to: '2026-11-02' });
    const second = await post({ from: '2026-11-01', to: '2026-11-02' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const a = (await first.json()) as Report & { comparison: unknown };
    expect(a).toMatchObject({ kind: 'custom', week: null, comparison: { from: '2026-10-30', to: '2026-10-31' } });
    expect(((await second.json()) as Report).id).not.toBe(a.id);
  });

  it.each([
    [{}, 'week: is required, or from and to'],
    [{ week: '2025-W53' }, 'week: does not exist'],
    [{ week: '2026-47' }, 'week: is not an ISO week'],
    [{ week: '2099-W01' }, 'week: 2099-W01 has not ended yet'],
    [{ week: WEEK, from: '2026-11-01', to: '2026-11-02' }, 'week: cannot be given with from and to'],
    [{ from: '2026-11-01' }, 'to: is required with from'],
    [{ from: '2026-11-05', to: '2026-11-01' }, 'from: is after to'],
    [{ from: TOMORROW, to: TOMORROW }, `to: ${TOMORROW} is after today`],
    [{ from: '2026-11-31', to: '2026-12-01' }, 'from: must be a calendar day'],
    [{ week: WEEK, extra: 1 }, 'Unrecognized key'],
  ])('refuses %j with a sentence', async (body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain(message);
  });

  it.each([
    ['format=doc', 400, 'format: must be pdf, xlsx or csv'],
    ['format=csv&bom=yes', 400, 'bom: must be 1'],
    ['', 400, 'format: must be pdf, xlsx or csv'],
  ])('a download with %s answers %s', async (query, status, message) => {
    const res = await running.api(`/api/reports/${report.id}/download?${query}`);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toContain(message);
  });

  it('keeps each workspace’s reports to itself', async () => {
    const other = await memberHeaders(running.app, { workspace: 'other-shop', role: 'owner' });
    for (const path of [`/api/reports/${report.id}`, `/api/reports/${report.id}/download?format=pdf`]) {
      const res = await fetch(`${running.baseUrl}${path}`, { headers: other });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { message: string }).message).toContain('is not a report of this workspace');
    }
    const list = (await (await fetch(`${running.baseUrl}/api/reports`, { headers: other })).json()) as {
      reports: unknown[];
    };
    expect(list.reports).toEqual([]);
    expect((await fetch(`${running.baseUrl}/api/reports/not-a-uuid`, { headers: other })).status).toBe(404);
  });

  it('lets viewers read and download, analysts make reports, admins set the schedule', async () => {
    const viewer = await memberHeaders(running.app, { workspace: 'default', role: 'viewer' });
    expect(
      (await fetch(`${running.baseUrl}/api/reports/${report.id}/download?format=csv`, { headers: viewer })).status,
    ).toBe(200);
    expect((await post({ week: WEEK }, viewer)).status).toBe(403);
    const analyst = await memberHeaders(running.app, { workspace: 'default', role: 'analyst' });
    const put = (headers: Record<string, string>, body: unknown) =>
      fetch(
        `${running.baseUrl}/api/reports/settings`,
        withHeaders(
          { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
          headers,
        ),
      );
    const settings = { weeklyEnabled: true, weeklyTime: '07:30', recipients: ['ana@example.com', 'ana@example.com'] };
    expect((await put(analyst, settings)).status).toBe(403);
    const saved = await put(running.authHeaders, settings);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ weeklyEnabled: true, weeklyTime: '07:30', recipients: ['ana@example.com'] });
    const bad = await put(running.authHeaders, { ...settings, weeklyTime: '7:30' });
    expect(((await bad.json()) as { message: string }).message).toContain('weeklyTime must be a time of day as HH:MM');
    const badMail = await put(running.authHeaders, { ...settings, recipients: ['nope'] });
    expect(((await badMail.json()) as { message: string }).message).toContain('recipients.0: must be an email address');
  });
});

function labelOf(id: string): string {
  return (
    {
      spend: 'Spend',
      impressions: 'Impressions',
      clicks: 'Clicks',
      ctr: 'CTR',
      newContacts: 'New contacts',
      costPerNewContact: 'Cost per new contact',
      conversions: 'Conversions',
      conversionRate: 'Conversion rate',
      revenue: 'Revenue',
      roas: 'ROAS',
      blockRate: 'Block rate',
    } as Record<string, string>
  )[id]!;
}
