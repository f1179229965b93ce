import { mkdirSync, readFileSync } from 'node:fs';
import jsQRModule from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInFirstOwner, startAppProcess, type AppProcess } from '../support/app-process.js';
import { launchChromium } from '../support/browser.js';

// a CommonJS module whose export is the function itself, typed as `export default`
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;
const OWNER = { email: 'growth@demo.test', password: 'ref links browser password' };
const ARTIFACTS = 'test/artifacts';

type ApiRow = { source: string; ref: string; metrics: { newContacts: { value: number } } };
/** The browser's globals this test reads (test/ has no DOM types). */
type Clipboarded = { navigator: { clipboard: { readText(): Promise<string> } } };
type ApiLink = { id: string; ref: string; label: string; url: string; campaignTag: string | null };

describe('the Ref links page in Chromium, on the demo', () => {
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

  beforeAll(async () => {
    app = startAppProcess({ DATA_DIR: 'memory', DEMO: 'on' });
    url = await app.ready;
    await signInFirstOwner(url, OWNER);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
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

  it("lists the demo's refs with their labels, a row's new contacts equal to the API's", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Ref links' }).click();
    await page.getByRole('heading', { name: 'Ref links' }).waitFor();
    const search = new URL(page.url()).searchParams;
    expect(search.get('view')).toBe('ref-links');
    await page.getByTestId('ref-leaderboard').waitFor({ timeout: 60_000 });
    // the demo registered its m.me links and QR codes: their labels are on the rows
    const registered = await api<ApiLink[]>('/api/links');
    expect(registered.length).toBeGreaterThan(0);
    await page.getByTestId('ref-leaderboard').getByText(registered[0]!.label, { exact: true }).first().waitFor();

    // the top row's figure is the API's for its page and ref (the simulated world is live: poll both)
    await expect
      .poll(
        async () => {
          await page.reload();
          const top = page.getByTestId('ref-leaderboard').locator('tbody tr').first();
          await top.waitFor();
          const [ref, pageId] = [await top.getAttribute('data-ref'), await top.getAttribute('data-page')];
          const shown = Number(
            (await top.locator('[data-metric="newContacts"] .cell-value').textContent())!.replace(/\D/g, ''),
          );
          const range = new URLSearchParams({ from: dayParam(page, 'from'), to: dayParam(page, 'to'), page: pageId! });
          const report = await api<{ rows: ApiRow[] }>(`/api/ref-links?${range.toString()}`);
          const fromApi = report.rows.filter((r) => r.ref === ref).reduce((n, r) => n + r.metrics.newContacts.value, 0);
          return shown > 0 && shown === fromApi;
        },
        { timeout: 90_000, interval: 3_000 },
      )
      .toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/ref-links-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}/ref-links-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('creates a link, copies its URL, downloads its QR code that reads back as the URL, edits and deletes it', async () => {
    await page.getByRole('link', { name: 'New link' }).click();
    await page.getByRole('heading', { name: 'New ref link' }).waitFor();
    // Meta's rule, checked before sending
    await page.getByLabel('Ref', { exact: true }).fill('browser poster');
    await page.getByText('A ref may contain only letters, digits, -, _ and = (not space).').waitFor();
    await page.getByLabel('Ref', { exact: true }).fill('browser_poster_2026');
    await page.getByRole('textbox', { name: 'Label', exact: true }).fill('Browser test poster');
    await page.getByLabel(/Campaign tag/).fill('browser-test');
    await page.getByRole('button', { name: 'Create link' }).click();

    const urlOnScreen = page.getByTestId('link-url');
    await urlOnScreen.waitFor();
    const created = (await api<ApiLink[]>('/api/links')).find((l) => l.ref === 'browser_poster_2026')!;
    expect(created).toMatchObject({ label: 'Browser test poster', campaignTag: 'browser-test' });
    expect(created.url).toMatch(/^https:\/\/m\.me\/[A-Za-z0-9.]+\?ref=browser_poster_2026$/);
    expect(await urlOnScreen.textContent()).toBe(created.url);
    expect(new URL(page.url()).searchParams.get('link')).toBe(created.id);
    // the new link is in the leaderboard with zeros until someone comes through it
    const row = page.locator('tbody tr[data-ref="browser_poster_2026"]');
    await row.waitFor();
    expect(await row.locator('[data-metric="newContacts"] .cell-value').textContent()).toBe('0');

    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as Clipboarded).navigator.clipboard.readText())).toBe(
      created.url,
    );

    // the preview image loaded, and the PNG download decodes to the URL
    const preview = page.getByRole('img', { name: `QR code that opens ${created.url}` });
    await expect
      .poll(() => preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-browser_poster_2026-qr\.png$/);
    const png = PNG.sync.read(readFileSync((await download.path())!));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(created.url);
    await page.screenshot({ path: `${ARTIFACTS}/ref-links-details-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}/ref-links-details-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Label', exact: true }).fill('Browser test poster, reprinted');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Browser test poster, reprinted' }).waitFor();
    expect((await api<ApiLink[]>('/api/links')).find((l) => l.id === created.id)?.label).toBe(
      'Browser test poster, reprinted',
    );

    await page.getByRole('button', { name: 'Delete Browser test poster, reprinted' }).click();
    await page.getByRole('button', { name: 'Delete link' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('link')).toBeNull();
    await expect.poll(async () => (await api<ApiLink[]>('/api/links')).some((l) => l.id === created.id)).toBe(false);
    await row.waitFor({ state: 'detached' });
  });
});

/** A day of the range in the page's URL (the page fills the default range in when it has none). */
function dayParam(page: Page, name: 'from' | 'to'): string {
  const value = new URL(page.url()).searchParams.get(name);
  if (value) return value;
  const today = new Date();
  const day = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return name === 'to' ? day(today) : day(new Date(today.getTime() - 27 * 86_400_000));
}
