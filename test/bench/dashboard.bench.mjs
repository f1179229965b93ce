// npm run bench:dashboard [-- --size tiny|small|medium|large] [--runs 10] [--warmup 2]
// 1. The built dashboard's initial JS: the entry script of dashboard/dist/index.html, its modulepreload
//    links and every chunk they import statically (what the browser loads before any lazy chunk),
//    gzipped at level 9 as a compressing server would; against all JS chunks together (the app
//    without lazy loading).
// 2. The Overview drawn: in Chromium, signed in as a viewer of the bench workspace, the time from
//    navigation start to the headline figures and the chart's SVG lines in the page and painted, over
//    the last 90 days of the world loaded by bench:queries (queries/load-world.mjs; default large, in
//    ctm_bench_large), each run in a new browser context (empty cache, no service worker, fresh
//    page); against the API calls those figures wait for (GET /api/auth/me, then /api/overview),
//    fetched directly from Node in the same run. Exits non-zero when a figure cannot be measured; a
//    missed goal is printed as MISSED.
/* global document, window, MutationObserver, requestAnimationFrame -- watchOverview runs in the page */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { appEnv, END_DATE, lpad, ms, pad, percentile, root, signedInViewer, startApp } from './bench-app.mjs';
import { ensureWorld } from './queries/load-world.mjs';

const GOAL_KB = 250;
const GOAL_MS = 1500;
const RANGE_DAYS = 90;
const KB = 1024;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '7' },
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
  },
});
if (!['tiny', 'small', 'medium', 'large'].includes(values.size))
  throw new Error('--size: tiny, small, medium or large');
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `ctm_bench_${values.size}`;
const dist = path.join(root, 'dashboard/dist');

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const attr = (tag, name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1];

/** Relative chunks a chunk imports statically (`import{…}from"./x.js"`, `import"./x.js"`), never `import(…)`. */
function staticImports(code) {
  const found = [];
  for (const m of code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) found.push(m[1]);
  return found;
}

/** The chunks the browser loads before any lazy one, and every other chunk, each with its gzip size. */
function bundleSizes() {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const listed = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g))
    if (attr(tag, 'type') === 'module' && attr(tag, 'src')) listed.push(attr(tag, 'src'));
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g))
    if (attr(tag, 'rel') === 'modulepreload' && attr(tag, 'href')) listed.push(attr(tag, 'href'));
  if (listed.length === 0) throw new Error('dashboard/dist/index.html names no module script');
  const initial = new Set();
  const queue = listed.map((src) => path.join(dist, src.replace(/^\//, '')));
  while (queue.length > 0) {
    const file = queue.shift();
    if (initial.has(file)) continue;
    initial.add(file);
    for (const rel of staticImports(readFileSync(file, 'utf8'))) queue.push(path.resolve(path.dirname(file), rel));
  }
  const all = readdirSync(dist, { recursive: true })
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(dist, f));
  const sized = (file) => ({ name: path.relative(dist, file), raw: readFileSync(file).length, gzip: gzipped(file) });
  const first = [...initial].map(sized);
  const lazy = all
    .filter((f) => !initial.has(f))
    .map(sized)
    .sort((a, b) => b.gzip - a.gzip);
  return { listed: listed.length, first, lazy };
}

const sum = (xs, key) => xs.reduce((s, x) => s + x[key], 0);

/**
 * Runs in the page before its own scripts: watches the DOM until every headline figure has its value
 * and the daily chart has its two lines, then waits two frames (the frame holding them painted) and
 * leaves the times, from navigation start, in window.__overviewDrawn.
 */
function watchOverview() {
  const drawn = () => {
    const values = [...document.querySelectorAll('article.figure-card [data-testid="figure-value"]')];
    const figures =
      document.querySelector('[data-testid="figure-newContacts"] [data-testid="figure-value"]') !== null &&
      values.every((v) => v.textContent.trim() !== '');
    const lines = [...document.querySelectorAll('figure.chart svg.recharts-surface path.recharts-line-curve')];
    return figures && lines.length >= 2 && lines.every((l) => /^M[\d.-]/.test(l.getAttribute('d') ?? ''));
  };
  // the Overview's own error, the app's when the API does not answer, or the sign-in screen
  const failed = () =>
    document.querySelector('[data-testid="overview-empty"]')
      ? 'the Overview is empty for this range'
      : document.querySelector('input[type="password"]')
        ? 'the sign-in screen is shown: the session was not accepted'
        : document.querySelector(
            'section[aria-labelledby="overview-title"] [role="alert"], main.shell > p[role="alert"]',
          )?.textContent;
  const observer = new MutationObserver(() => {
    const problem = failed();
    if (problem) {
      observer.disconnect();
      window.__overviewDrawn = { problem };
      return;
    }
    if (!drawn()) return;
    observer.disconnect();
    const inDom = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const painted = performance.now();
        const resources = performance.getEntriesByType('resource');
        const end = (test) => resources.find((r) => test(r.name))?.responseEnd ?? null;
        const overviewCall = resources.find((r) => r.name.includes('/api/overview'));
        window.__overviewDrawn = {
          inDom,
          painted,
          html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? null,
          entry: end((n) => /\/assets\/index-[^/]*\.js$/.test(n)),
          me: end((n) => n.includes('/api/auth/me')),
          overviewAsked: overviewCall?.startTime ?? null,
          overviewSent: overviewCall?.requestStart || null,
          overview: end((n) => n.includes('/api/overview')),
          chart: end((n) => /\/assets\/TrendChart-[^/]*\.js$/.test(n)),
          figures: document.querySelectorAll('article.figure-card').length,
          newContacts: document
            .querySelector('[data-testid="figure-newContacts"] [data-testid="figure-value"]')
            .textContent.trim(),
        };
      }),
    );
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

async function timeOverview(browser, base, session, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addCookies([{ name: session.name, value: session.value, url: base }]);
    await context.addInitScript(watchOverview);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page
      .waitForFunction(() => window.__overviewDrawn, null, { timeout: 60_000, polling: 50 })
      .catch(async (error) => {
        const shown = await page.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '?');
        throw new Error(`the Overview was not drawn within 60 s (${error.message}); the page shows: ${shown}`);
      });
    const result = await handle.jsonValue();
    if (result.problem) throw new Error(`the Overview was not drawn: ${result.problem}`);
    return result;
  } finally {
    await context.close();
  }
}

/** The calls the figures wait for, in the order the page makes them: who is signed in, then the overview. */
async function timeApi(base, session, query) {
  const t0 = performance.now();
  let text;
  for (const p of ['/api/auth/me', `/api/overview?${query}`]) {
    const res = await fetch(`${base}${p}`, { headers: { cookie: session.header } });
    text = await res.text();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return { ms: performance.now() - t0, overview: JSON.parse(text) };
}

function printBundle(missed) {
  const { listed, first, lazy } = bundleSizes();
  const initial = sum(first, 'gzip');
  const total = initial + sum(lazy, 'gzip');
  const met = initial <= GOAL_KB * KB;
  if (!met) missed.push(`initial JS ${kb(initial)} > ${GOAL_KB} KB`);
  console.log(`dashboard bench: dashboard/dist, gzip level 9 (node:zlib), 1 KB = ${KB} bytes`);
  console.log(
    `${pad('initial JS', 22)} ${lpad(kb(initial), 10)} gzip (${kb(sum(first, 'raw'))} raw) in ${first.length} file(s), ` +
      `${listed} named by index.html  goal ≤ ${GOAL_KB} KB: ${met ? 'met' : 'MISSED'}`,
  );
  for (const f of first) console.log(`  ${pad(f.name, 40)} ${lpad(kb(f.gzip), 10)} gzip (${kb(f.raw)} raw)`);
  console.log(`largest of ${lazy.length} lazy chunks:`);
  for (const f of lazy.slice(0, 5)) console.log(`  ${pad(f.name, 40)} ${lpad(kb(f.gzip), 10)} gzip (${kb(f.raw)} raw)`);
  console.log(
    `${pad('all JS, no lazy load', 22)} ${lpad(kb(total), 10)} gzip (${kb(sum(first, 'raw') + sum(lazy, 'raw'))} raw) in ` +
      `${first.length + lazy.length} files; initial JS is ${((100 * initial) / total).toFixed(0)}% of it ` +
      `(${(total / initial).toFixed(1)}× smaller)`,
  );
}

async function main() {
  const missed = [];
  printBundle(missed);

  const world = await ensureWorld({
    serverUrl,
    database,
    seed: Number(values.seed),
    size: values.size,
    endDate: END_DATE,
    reload: false,
    log: (line) => console.log(line),
  });
  const pool = new pg.Pool({ connectionString: world.url, max: 2 });
  const pages = (await pool.query(`SELECT page_id FROM messenger_page ORDER BY 1`)).rows.map((r) => r.page_id);
  await pool.end();
  const env = appEnv(world.url, pages);
  const app = await startApp(env);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const base = `http://127.0.0.1:${app.port}`;
    const session = await signedInViewer(env, base);
    const to = Date.parse(`${END_DATE}T00:00:00Z`);
    const from = new Date(to - (RANGE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const query = `from=${from}&to=${END_DATE}`;
    const c = world.counts;
    console.log(
      `Overview drawn: ${values.size} world in ${database} (${c.contacts} contacts), ${from} → ${END_DATE} (${RANGE_DAYS} d); ` +
        `${runs} runs after ${warmup} warm-up, each in a new browser context (empty cache), 1280×800; ` +
        `times from navigation start (performance.now() in the page); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
    const results = [];
    for (let i = 0; i < warmup + runs; i++) {
      const r = await timeOverview(browser, base, session, `${base}/?${query}`);
      if (i >= warmup) results.push(r);
    }
    const api = [];
    let answer;
    for (let i = 0; i < warmup + runs; i++) {
      const t = await timeApi(base, session, query);
      if (i >= warmup) api.push(t.ms);
      answer = t.overview;
    }
    const last = results.at(-1);
    // what was drawn is the answer's: the new contacts on screen (digits of the user's locale) are the API's
    const expected = answer.observed.newContacts.value;
    if (Number(last.newContacts.replace(/\D/g, '')) !== expected)
      throw new Error(`the Overview shows ${last.newContacts} new contacts, the API answers ${expected}`);
    console.log(`${pad('step (from navigation)', 28)} ${lpad('p50 ms', 8)} ${lpad('p90 ms', 8)}`);
    const row = (label, key) => {
      const xs = results.map((r) => r[key]).filter((x) => x !== null);
      if (xs.length === 0) return;
      console.log(`${pad(label, 28)} ${lpad(ms(percentile(xs, 50)), 8)} ${lpad(ms(percentile(xs, 90)), 8)}`);
    };
    row('  index.html received', 'html');
    row('  entry JS received', 'entry');
    row('  /api/auth/me answered', 'me');
    row('  /api/overview asked for', 'overviewAsked');
    row('  /api/overview sent', 'overviewSent');
    row('  /api/overview answered', 'overview');
    row('  chart chunk received', 'chart');
    row('  figures and chart in DOM', 'inDom');
    const drawn = results.map((r) => r.painted);
    const p50 = percentile(drawn, 50);
    const p90 = percentile(drawn, 90);
    const api50 = percentile(api, 50);
    const met = p50 <= GOAL_MS;
    if (!met) missed.push(`Overview drawn p50 ${ms(p50)} ms > ${GOAL_MS} ms`);
    console.log(
      `${pad('Overview drawn (painted)', 28)} ${lpad(ms(p50), 8)} ${lpad(ms(p90), 8)}  goal p50 ≤ ${GOAL_MS} ms: ` +
        `${met ? 'met' : 'MISSED'} (${last.figures} figure cards, new contacts ${last.newContacts} as the API's)`,
    );
    console.log(
      `${pad('API alone (me + overview)', 28)} ${lpad(ms(api50), 8)} ${lpad(ms(percentile(api, 90)), 8)}  ` +
        `baseline fetched from Node with the same session; drawn ÷ API ${(p50 / api50).toFixed(1)}× ` +
        `(${ms(p50 - api50)} ms of loading, rendering and painting)`,
    );
    console.log(`load average ${loadavg()[0].toFixed(1)} after timing`);
    console.log(
      missed.length === 0
        ? `goals met: initial JS ≤ ${GOAL_KB} KB gzip, Overview drawn within ${GOAL_MS} ms (p50 of ${runs})`
        : `goals MISSED (${missed.length}): ${missed.join('; ')}`,
    );
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
