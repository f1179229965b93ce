import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { launchChromium } from '../support/browser.js';

describe('the dashboard served at / in Chromium', () => {
  let app: AppProcess;
  let browser: Browser;
  beforeAll(async () => {
    app = startAppProcess({ DATA_DIR: 'memory', DEMO: 'on' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates the first owner on a fresh installation, then shows the dashboard', async () => {
    const url = await app.ready;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Create the first owner' }).waitFor();
    await page.getByLabel('Email').fill('owner@demo.test');
    await page.getByLabel('Password').fill('browser owner password');
    await page.getByRole('button', { name: 'Create owner and sign in' }).click();
    await expect.poll(() => page.getByTestId('current-workspace').textContent()).toContain('(owner)');
    expect(await page.getByTestId('current-user').textContent()).toBe('owner@demo.test');
    await page.close();
  });

  it('opens on the Overview: figures equal to the API for the range in the URL, kept on reload and back', async () => {
    const url = await app.ready;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByLabel('Email').fill('owner@demo.test');
    await page.getByLabel('Password').fill('browser owner password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    await page.getByLabel('Dates').selectOption('last7');
    await page.getByLabel('Compare with').selectOption('previous');
    const search = new URLSearchParams(new URL(page.url()).search);
    expect(search.get('compare')).toBe('previous');
    const from = search.get('from')!;
    const to = search.get('to')!;
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // the figure on screen is the API's for the same range (the simulated world is live: poll both)
    const session = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const fromApi = async () => {
      const res = await fetch(`${url}/api/overview?from=${from}&to=${to}&compare=previous`, {
        headers: { cookie: session },
      });
      const body = (await res.json()) as { observed: { newContacts: { value: number } } };
      return body.observed.newContacts.value;
    };
    const onScreen = async () => {
      const card = page.getByTestId('figure-newContacts');
      if ((await card.count()) === 0) return null; // an empty range shows what to do instead
      return Number((await card.getByTestId('figure-value').textContent())!.replace(/\D/g, ''));
    };
    await expect
      .poll(async () => {
        const [screen, api] = [await onScreen(), await fromApi()];
        return screen === api || (screen === null && api === 0);
      })
      .toBe(true);
    await page.screenshot({ path: 'test/artifacts/overview-1280.png', fullPage: true });

    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByLabel('Dates').inputValue()).toBe('last7');
    expect(await page.getByLabel('Compare with').inputValue()).toBe('previous');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Compare with').inputValue()).toBe('off');
    expect(new URL(page.url()).searchParams.get('from')).toBe(from);

    await page.locator('[data-testid="figure-newContacts"], [data-testid="overview-empty"]').first().waitFor();
    // the lazy-loaded chart (when there is data) and the demo workspace's alert
    if ((await page.getByTestId('figure-newContacts').count()) > 0)
      await page.locator('.recharts-surface').first().waitFor();
    await page.getByTestId('overview-alert').first().waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test/artifacts/overview-390.png', fullPage: true });
    await page.close();
  });

  it('shows the service status, the demo banner and the ad accounts', async () => {
    const url = await app.ready;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sign in to ctm-analytics' }).waitFor();
    await page.screenshot({ path: 'test/artifacts/sign-in-1280.png' });
    await page.getByLabel('Email').fill('owner@demo.test');
    await page.getByLabel('Password').fill('browser owner password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click();
    await expect.poll(() => page.getByTestId('db-status').textContent()).toBe('ok');
    expect(await page.getByTestId('api-status').textContent()).toBe('ok');
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo workspace.');
    // the demo's two simulated ad accounts appear with their currencies once their structure is synced
    await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 30_000 }).toBe(2);
    await expect
      .poll(async () => (await page.getByTestId('account-row').allTextContents()).join(' '), { timeout: 30_000 })
      .toMatch(/EUR|USD|GBP/);
    await page.screenshot({ path: 'test/artifacts/status-1280.png' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to ctm-analytics' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to ctm-analytics' }).waitFor();
    // its two polls may wait 30 s each for the demo's first sync on a busy machine: more than the default
  }, 120_000);

  it('lets the owner create an API token in Settings, shows it once, and revokes it', async () => {
    const url = await app.ready;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url);
    await page.getByLabel('Email').fill('owner@demo.test');
    await page.getByLabel('Password').fill('browser owner password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'API tokens' }).click();
    expect(new URL(page.url()).search).toBe('?view=settings&tab=tokens');
    await page.getByText('No API tokens yet: create one above.').waitFor();

    await page.getByLabel('Token name').fill('browser script');
    await page.getByLabel('Scope').selectOption('read');
    await page.getByRole('button', { name: 'Create token' }).click();
    const notice = page.getByTestId('new-token');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Copy it now: it will not be shown again.');
    expect(await notice.getByRole('button', { name: 'Copy token' }).isVisible()).toBe(true);
    const secret = await notice.getByLabel('New API token').inputValue();
    const last4 = secret.slice(-4);
    await expect.poll(() => page.getByTestId('token-row').textContent()).toContain(`…${last4}`);
    await page.screenshot({ path: 'test/artifacts/settings-tokens-390.png', fullPage: true });

    // the token works as a Bearer token for a read route until it is revoked
    const asToken = () => fetch(`${url}/api/sync/accounts`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).status).toBe(200);

    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
    // shown once: a reload of the same view lists it by its last four characters only
    await page.reload();
    await expect.poll(() => page.getByTestId('token-row').textContent()).toContain(`…${last4}`);
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Revoke token browser script' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => page.getByTestId('token-row').textContent()).toContain('Revoked');

    expect((await asToken()).status).toBe(401);
    const session = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const tokens = (await (await fetch(`${url}/api/tokens`, { headers: { cookie: session } })).json()) as {
      name: string;
      revokedAt: string | null;
    }[];
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.name).toBe('browser script');
    expect(tokens[0]!.revokedAt).not.toBeNull();
    await page.close();
  });
});
