import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInFirstOwner, startAppProcess, type AppProcess } from '../support/app-process.js';
import { launchChromium } from '../support/browser.js';

const OWNER = { email: 'manager@demo.test', password: 'reports browser password' };
const ARTIFACTS = 'test/artifacts';

type Figure = { id: string; value: number | null };
type Report = {
  id: string;
  range: { from: string; to: string };
  content: { headline: { observed: Figure[]; byCurrency: { currency: string; figures: Figure[] }[] } };
};

describe('the Reports page in Chromium, on the demo', () => {
  let app: AppProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let url: string;
  let cookie: string;
  let made: Report;
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    app = startAppProcess({ DATA_DIR: 'memory', DEMO: 'on' });
    url = await app.ready;
    await signInFirstOwner(url, OWNER);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    // one sign-in for the whole file: sign-in is rate-limited
    await page.goto(url);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('says what to do with no report yet, then makes one of the chosen days and previews the API’s figures', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('reports');
    await page.getByTestId('reports-empty').or(page.locator('table.report-history')).waitFor();
    if ((await api<{ reports: unknown[] }>('/api/reports')).reports.length === 0)
      await page.getByText('No report yet.').waitFor();

    await page.getByLabel('Dates').selectOption('last7');
    // the demo syncs its ads and receives its first two weeks of messages after it starts: wait for figures
    const search0 = new URL(page.url()).searchParams;
    await expect
      .poll(
        async () => {
          const o = await api<{
            observed: { newContacts: { value: number } };
            byCurrency: { metrics: { spend: { value: number } } }[];
          }>(`/api/overview?from=${search0.get('from')}&to=${search0.get('to')}`);
          return o.observed.newContacts.value + o.byCurrency.reduce((n, c) => n + c.metrics.spend.value, 0);
        },
        { timeout: 220_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    await page.reload();
    const button = page.getByRole('button', { name: /^Make a report of / });
    await button.click();
    await page
      .getByTestId('report-preview')
      .getByRole('heading', { name: /^Report of / })
      .waitFor();
    const id = new URL(page.url()).searchParams.get('report');
    expect(id).toBeTruthy();
    made = await api<Report>(`/api/reports/${id}`);
    const search = new URL(page.url()).searchParams;
    expect(made.range).toEqual({ from: search.get('from'), to: search.get('to') });

    // the preview's figures are the report's, as the API holds them, in the user's locale
    const preview = page.getByTestId('report-preview');
    const newContacts = made.content.headline.observed.find((f) => f.id === 'newContacts')!.value!;
    const spends = made.content.headline.byCurrency.map((c) => c.figures.find((f) => f.id === 'spend')!.value!);
    expect(newContacts + spends.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await preview.getByTestId('figure-newContacts').getByTestId('figure-value').textContent()).toBe(
      new Intl.NumberFormat('en-US').format(newContacts),
    );
    for (const { currency, figures } of made.content.headline.byCurrency) {
      const spend = figures.find((f) => f.id === 'spend')!.value!;
      expect(await preview.getByTestId(`figure-spend-${currency}`).getByTestId('figure-value').textContent()).toBe(
        new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(spend),
      );
    }
    // and the history lists it, selected, with when it was made and how fresh the data was
    const row = page.getByTestId(`report-${id}`);
    expect(await row.getAttribute('aria-current')).toBe('true');
    await row.getByText('Custom range').waitFor();
    await row.getByText(/^Webhook: /).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/reports-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('report-preview').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/reports-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 280_000);

  it('downloads the report as PDF, XLSX and CSV from the history', async () => {
    const row = page.getByTestId(`report-${made.id}`);
    const heads: Record<string, string> = { PDF: '%PDF-', XLSX: 'PK', 'CSV (zip)': 'PK' };
    for (const [label, head] of Object.entries(heads)) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('link', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')} of `) }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^demo-report-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.(pdf|xlsx|csv\.zip)$/,
      );
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, head.length).toString('latin1'), label).toBe(head);
    }
  });

  it('keeps the selected report in the URL across a reload, and offers Retry when the history fails', async () => {
    await page.reload();
    await page
      .getByTestId('report-preview')
      .getByRole('heading', { name: /^Report of / })
      .waitFor();
    await page.route('**/api/reports', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"message":"The database is not answering."}',
      }),
    );
    await page.reload();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Could not load the reports: The database is not answering.' })
      .waitFor();
    await page.unroute('**/api/reports');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId(`report-${made.id}`).waitFor();
    await page.getByRole('link', { name: 'Close the preview' }).click();
    expect(await page.getByTestId('report-preview').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('report')).toBeNull();
  });
});
