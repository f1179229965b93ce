// `npm run screenshot [-- --size medium|large|small|tiny]`: the README's picture, docs/overview.png.
// The Overview of the last 90 days of a simulated world, compared with the 90 before, as a viewer of
// its workspace sees it in Chromium in a 1280×800 window, once its headline figures and daily chart
// are drawn: from the top of the page to the end of the Overview's card (taller than 800 px: the
// figures and the chart do not fit in one window at full size). The world is the one the
// benches use (test/bench/queries/load-world.mjs; by default `medium`, 180 days and two ad accounts:
// loaded into PostgreSQL at BENCH_DATABASE_URL on the first run, about 2 minutes, then kept as the
// database ctm_bench_medium), served by the built app (api/dist/main.js).
// The demo is not used: its contacts come only from the webhooks it replays and receives live, a few
// days' worth, so its charts are nearly empty.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { appEnv, END_DATE, root, signedInViewer, startApp } from '../test/bench/bench-app.mjs';
import { ensureWorld } from '../test/bench/queries/load-world.mjs';

const RANGE_DAYS = 90;
const out = path.join(root, 'docs/overview.png');
const { values } = parseArgs({ options: { size: { type: 'string', default: 'medium' } } });
if (!['tiny', 'small', 'medium', 'large'].includes(values.size))
  throw new Error('--size: tiny, small, medium or large');

const day = (ms) => new Date(ms).toISOString().slice(0, 10);

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const world = await ensureWorld({
    serverUrl,
    database: `ctm_bench_${values.size}`,
    seed: 7,
    size: values.size,
    endDate: END_DATE,
    reload: false,
    log: (line) => console.log(line),
  });
  const pool = new pg.Pool({ connectionString: world.url, max: 1 });
  const pages = (await pool.query(`SELECT page_id FROM messenger_page ORDER BY 1`)).rows.map((r) => r.page_id);
  await pool.end();
  const env = appEnv(world.url, pages);
  const app = await startApp(env);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const base = `http://127.0.0.1:${app.port}`;
    const session = await signedInViewer(env, base);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await context.addCookies([{ name: session.name, value: session.value, url: base }]);
    const page = await context.newPage();
    const from = day(Date.parse(`${END_DATE}T00:00:00Z`) - (RANGE_DAYS - 1) * 86_400_000);
    await page.goto(`${base}/?from=${from}&to=${END_DATE}&compare=previous`);
    await page.getByTestId('figure-newContacts').waitFor({ timeout: 60_000 });
    await page.locator('figure.chart path.recharts-line-curve').nth(1).waitFor({ timeout: 60_000 });
    const card = await page.locator('section.card', { has: page.locator('#overview-title') }).boundingBox();
    if (!card) throw new Error('the Overview card is not on the page');
    const height = Math.ceil(card.y + card.height + 16);
    await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
    console.log(`${path.relative(root, out)}: 1280×${height}, ${(statSync(out).size / 1024).toFixed(0)} KB`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
