import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { launchChromium } from '../support/browser.js';

type Row = { id: string; name: string | null; metrics: Record<string, { value: number | null }> };
type Rows = { rows: Row[] };
type Reconciliation = {
  totals: { observedNewContacts: number; gap: number };
  rows: { key: string; adName: string | null; gap: number }[];
};

const ARTIFACTS = 'test/artifacts';
const localDay = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
// closed days early in the demo's replay of its last 14 days of messages: they fill first
const RANGE = `from=${localDay(-13)}&to=${localDay(-11)}`;
const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

describe('the Campaigns page in Chromium, on the demo world', () => {
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let url: string;

  const api = async <T>(path: string): Promise<T> => {
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const rows = () => page.getByTestId('ad-row');
  // the names as linked: a paused row's status follows its link
  const names = () => rows().getByRole('rowheader').getByRole('link').allTextContents();
  const column = async (metric: string) =>
    (await rows().locator(`[data-metric="${metric}"] .cell-value`).allTextContents()).map(digits);
  const figures = async () => ({ names: await names(), newContacts: await column('newContacts') });
  const figuresOf = ({ rows }: Rows) => ({
    names: rows.map((r) => r.name),
    newContacts: rows.map((r) => r.metrics.newContacts!.value),
  });
  const search = () => new URL(page.url()).searchParams;
  const pathOf = (address: string) => {
    const u = new URL(address);
    return `${u.pathname}${u.search}`;
  };

  /**
   * Reloads, and checks the page shows exactly what the API answered it for `path`: the demo replays
   * its last 14 days of messages at start (minutes on a busy machine), so a second request a moment
   * later could already count more.
   */
  async function showsAnswer<T>(path: string, onScreen: () => Promise<unknown>, expected: (body: T) => unknown) {
    const answered = page.waitForResponse((r) => pathOf(r.url()) === path && r.status() === 200);
    await page.reload();
    const body = (await (await answered).json()) as T;
    await expect.poll(onScreen, { timeout: 20_000 }).toEqual(expected(body));
    return body;
  }

  const shoot = async (name: string) => {
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-${name}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-${name}-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = startAppProcess({ DATA_DIR: 'memory', DEMO: 'on' });
    browser = await launchChromium();
    url = await app.ready;
    // one signed-in page for the whole file: sign-in is rate-limited
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Create the first owner' }).waitFor();
    await page.getByLabel('Email').fill('owner@campaigns.test');
    await page.getByLabel('Password').fill('campaigns owner password');
    await page.getByRole('button', { name: 'Create owner and sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens Campaigns from the menu and shows the API’s figures for the range in the URL', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
    expect(search().get('view')).toBe('campaigns');

    await page.goto(`${url}/?view=campaigns&${RANGE}`);
    expect(await page.getByLabel('Dates').inputValue()).toBe('custom');
    // the first row's new contacts, and every other row's, equal the API's for the same range, once
    // the replay has brought contacts into it
    await expect
      .poll(
        async () => {
          const body = await showsAnswer(`/api/campaigns?${RANGE}`, figures, figuresOf);
          return (body as Rows).rows.some((r) => r.metrics.newContacts!.value! > 0);
        },
        { timeout: 120_000, interval: 2000 },
      )
      .toBe(true);
  }, 180_000);

  it('sorts by a column on the server, the order in the URL', async () => {
    const header = page.getByRole('columnheader', { name: /^New contacts/ });
    await header.getByRole('link').click();
    expect(search().get('sort')).toBe('newContacts');
    expect(search().get('order')).toBe('desc');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await showsAnswer(`/api/campaigns?${RANGE}&sort=newContacts&order=desc`, figures, figuresOf);
    const down = await column('newContacts');
    expect(down).toEqual([...down].sort((a, b) => b - a));

    await header.getByRole('link').click();
    expect(search().get('order')).toBe('asc');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await showsAnswer(`/api/campaigns?${RANGE}&sort=newContacts&order=asc`, figures, figuresOf);
    const rising = await column('newContacts');
    expect(rising).toEqual([...rising].sort((a, b) => a - b));
    expect(rising).not.toEqual(down);
    await shoot('table');
  }, 120_000);

  it('drills down campaign → ad set → ad, with a breadcrumb and the level in the URL', async () => {
    await page.goto(`${url}/?view=campaigns&${RANGE}`);
    const campaign = (await api<Rows>(`/api/campaigns?${RANGE}`)).rows[0]!;
    await rows().getByRole('link', { name: campaign.name! }).click();
    expect(search().get('campaign')).toBe(campaign.id);
    const adsets = await showsAnswer(`/api/adsets?${RANGE}&campaign=${campaign.id}`, figures, figuresOf);
    const crumbs = page.getByRole('navigation', { name: 'Drill-down' });
    await expect.poll(() => crumbs.getByRole('listitem').allTextContents()).toEqual(['All campaigns', campaign.name]);

    const adset = (adsets as Rows).rows[0]!;
    await rows().getByRole('link', { name: adset.name! }).click();
    expect(search().get('adset')).toBe(adset.id);
    await showsAnswer(`/api/ads?${RANGE}&adset=${adset.id}`, figures, figuresOf);
    await expect
      .poll(() => crumbs.getByRole('listitem').allTextContents())
      .toEqual(['All campaigns', campaign.name, adset.name]);
    await shoot('ads');

    await page.goBack();
    expect(search().get('adset')).toBeNull();
    await expect.poll(names).toContain(adset.name);
    await crumbs.getByRole('link', { name: 'All campaigns' }).click();
    expect(search().get('campaign')).toBeNull();
    await expect.poll(() => rows().count()).toBeGreaterThan(1);
  }, 120_000);

  it('compares two picked campaigns in charts, with the difference in words', async () => {
    await page.goto(`${url}/?view=campaigns&${RANGE}`);
    await rows().first().waitFor();
    expect(await page.getByTestId('compare-hint').textContent()).toContain('Tick 2 to 5 campaigns');
    const boxes = page.getByRole('checkbox', { name: /^Compare / });
    const first = await names();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const ids = await Promise.all(
      first.slice(0, 2).map(async (name) => {
        const href = await rows().getByRole('link', { name, exact: true }).getAttribute('href');
        return new URL(href!, url).searchParams.get('campaign');
      }),
    );
    expect(search().get('pick')).toBe(ids.join(','));

    const panel = page.getByTestId('compare-panel');
    // trend, funnel, cost per new contact (one chart per currency) and the two rates
    await expect.poll(() => panel.locator('.recharts-surface').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    expect(await panel.getByTestId('funnel-row').count()).toBe(2);
    const sentences = panel.getByTestId('significance-sentence');
    await expect.poll(() => sentences.count()).toBe(2);
    const [conversion, block] = await sentences.allTextContents();
    expect(conversion).toMatch(
      /^(.+ converts better than .+: 9[59]% confident|Conversion rate, .+ against .+: no real difference yet)$/,
    );
    expect(block).toMatch(
      /^(.+ is blocked more often than .+: 9[59]% confident|Block rate, .+ against .+: no real difference yet)$/,
    );
    await shoot('compare');
  }, 90_000);

  it('opens the reconciliation tab: Meta’s count against the contacts that arrived, and why they differ', async () => {
    await page
      .getByRole('navigation', { name: 'Campaigns sections' })
      .getByRole('link', { name: 'Reconciliation' })
      .click();
    expect(search().get('tab')).toBe('reconciliation');
    const totals = page.getByTestId('reconciliation-totals');
    const recRows = page.getByTestId('reconciliation-row');
    const figure = (label: string) => totals.locator('div', { hasText: label }).locator('dd').textContent();
    await showsAnswer<Reconciliation>(
      `/api/reconciliation?${RANGE}`,
      async () => ({
        observed: digits(await figure('Observed new contacts')),
        ads: await recRows.getByRole('rowheader').allTextContents(),
        gaps: (await recRows.locator('[data-count="gap"]').allTextContents()).map(digits),
      }),
      (body) => ({
        observed: body.totals.observedNewContacts,
        ads: body.rows.map((r) => r.adName),
        gaps: body.rows.map((r) => Math.abs(r.gap)),
      }),
    );
    // the worst gap, either way, first
    const gaps = (await recRows.locator('[data-count="gap"]').allTextContents()).map(digits);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(await page.getByTestId('reconciliation-causes').locator('li').count()).toBeGreaterThan(0);

    const worst = recRows.first().getByRole('link');
    const worstAd = new URL((await worst.getAttribute('href'))!, url).searchParams.get('ad');
    await worst.click();
    expect(search().get('ad')).toBe(worstAd);
    await page.getByRole('columnheader', { name: 'Day' }).waitFor();
    await shoot('reconciliation');
  }, 120_000);
});
