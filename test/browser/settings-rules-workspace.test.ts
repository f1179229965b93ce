import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInFirstOwner, startAppProcess, type AppProcess } from '../support/app-process.js';
import { launchChromium } from '../support/browser.js';

const OWNER = { email: 'settings@demo.test', password: 'settings browser password' };
const ARTIFACTS = 'test/artifacts';

type ApiRule = { id: string; name: string; pattern: string; conversions: number };
type ApiWorkspace = { timeZone: string; attributionModel: string; recomputing: boolean };

describe('Settings › Conversion rules and Workspace in Chromium, on the demo', () => {
  let app: AppProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let url: string;
  let cookie: string;
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return (await res.json()) as T;
  };
  const shoot = async (name: string) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${ARTIFACTS}/${name}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}/${name}-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  beforeAll(async () => {
    app = startAppProcess({ DATA_DIR: 'memory', DEMO: 'on' });
    url = await app.ready;
    await signInFirstOwner(url, OWNER);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // one sign-in for the whole file: sign-in is rate-limited
    await page.goto(url);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("lists the demo's rules as the API does, adds one, edits it and deletes it", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Conversion rules' }).click();
    await page.getByRole('heading', { name: 'Conversion rules' }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('rules');
    const fromApi = await api<ApiRule[]>('/api/conversion-rules');
    expect(fromApi.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(fromApi.length);
    const firstRow = page.getByTestId('rule-row').first();
    expect(await firstRow.getByRole('rowheader').textContent()).toBe(fromApi[0]!.name);
    expect(await firstRow.textContent()).toContain(fromApi[0]!.pattern);
    await shoot('settings-rules');

    await page.getByLabel('Conversion name').fill('table booking');
    await page.getByRole('combobox', { name: 'Matches' }).selectOption('keyword');
    await page.getByLabel('Keyword', { exact: true }).fill('book a table');
    await page.getByLabel('Value', { exact: true }).fill('20');
    await page.getByLabel('Currency', { exact: true }).fill('EUR');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(fromApi.length + 1);
    const added = (await api<ApiRule[]>('/api/conversion-rules')).find((r) => r.name === 'table booking')!;
    expect(added).toMatchObject({ pattern: 'book a table', value: 20, currency: 'EUR' });

    await page.getByRole('button', { name: 'Edit rule table booking' }).click();
    expect(new URL(page.url()).searchParams.get('rule')).toBe(added.id);
    await page.reload();
    const form = page.getByRole('form', { name: 'Edit “table booking”' });
    await form.getByLabel('Keyword', { exact: true }).fill('reserve a table');
    await form.getByRole('button', { name: 'Save rule' }).click();
    await expect
      .poll(async () => (await api<ApiRule[]>('/api/conversion-rules')).find((r) => r.id === added.id)?.pattern)
      .toBe('reserve a table');
    await expect.poll(() => new URL(page.url()).searchParams.get('rule')).toBeNull();

    await page.getByRole('button', { name: 'Delete rule table booking' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(fromApi.length);
  });

  it('changes the time zone and the attribution model, says the figures are recomputed, and keeps them', async () => {
    await page.getByRole('link', { name: 'Workspace' }).click();
    await page.getByRole('heading', { name: 'Workspace' }).waitFor();
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe(
      (await api<ApiWorkspace>('/api/workspace')).timeZone,
    );
    await shoot('settings-workspace');

    await page.getByLabel('Search time zones').fill('madrid');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Madrid');
    await page.getByRole('radio', { name: /^Last touch/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/^Saved\./).waitFor();
    await expect
      .poll(async () => api<ApiWorkspace>('/api/workspace'), { timeout: 120_000 })
      .toMatchObject({ timeZone: 'Europe/Madrid', attributionModel: 'last_touch', recomputing: false });
    await page.getByText(/^Figures are recomputed/).waitFor({ timeout: 30_000 });
    await shoot('settings-workspace-saved');
    await page.reload();
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Madrid');
    expect(await page.getByRole('radio', { name: /^Last touch/ }).isChecked()).toBe(true);
  }, 180_000);
});
