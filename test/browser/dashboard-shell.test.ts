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

  it('shows the service status, the demo banner, the ad accounts, and says what is not built yet', async () => {
    const url = await app.ready;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sign in to ctm-analytics' }).waitFor();
    await page.getByLabel('Email').fill('owner@demo.test');
    await page.getByLabel('Password').fill('browser owner password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('db-status').textContent()).toBe('ok');
    expect(await page.getByTestId('api-status').textContent()).toBe('ok');
    expect(await page.getByRole('heading', { name: 'Dashboard under construction' }).isVisible()).toBe(true);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo workspace.');
    // the demo's two simulated ad accounts appear with their currencies once their structure is synced
    await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 30_000 }).toBe(2);
    await expect
      .poll(async () => (await page.getByTestId('account-row').allTextContents()).join(' '), { timeout: 30_000 })
      .toMatch(/EUR|USD|GBP/);
    await page.screenshot({ path: 'test/browser/.last-dashboard-shell.png' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to ctm-analytics' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to ctm-analytics' }).waitFor();
  });
});
