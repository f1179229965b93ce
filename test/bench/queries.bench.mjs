// npm run bench:queries [-- --size medium|large] [--reload] [--runs 50] [--raw-runs 5]
// How fast the metrics endpoints answer over a simulated world (default: large, 3 ad accounts, 2,000
// ads, 365 days, ~2M contacts), against the same figures by plain SQL over the raw tables.
// The world is loaded once into its own database on the PostgreSQL server (BENCH_DATABASE_URL, by
// default postgres://postgres@127.0.0.1:5432/postgres → database ctm_bench_<size>) and kept there
// with a marker: a re-run skips the load; --reload forces it. See queries/load-world.mjs for what is
// loaded and how. Then the built app (api/dist/main.js) is started on that database as a child
// process; each endpoint is timed over HTTP with an API token, over the last 90 and 365 days, after
// a warm-up; in the same run the raw SQL of queries/endpoints.mjs computes the same figures, which
// must equal the endpoint's (the first mismatch is printed and the run fails).
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { apiToken, appEnv, END_DATE, lpad, ms, pad, percentile, startApp } from './bench-app.mjs';
import { ENDPOINTS, firstMismatch } from './queries/endpoints.mjs';
import { ensureWorld, WORKSPACE } from './queries/load-world.mjs';

const GOALS = { 90: 50, 365: 150 };
const MIN_RATIO = 20;
const WARMUP = 5;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '7' },
    reload: { type: 'boolean', default: false },
    runs: { type: 'string', default: '50' },
    'raw-runs': { type: 'string', default: '5' },
  },
});
if (!['tiny', 'small', 'medium', 'large'].includes(values.size))
  throw new Error('--size: tiny, small, medium or large');
const runs = Number(values.runs);
const rawRuns = Number(values['raw-runs']);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `ctm_bench_${values.size}`;

async function timed(fn, n) {
  const times = [];
  let last;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  return { times, last };
}

function rangeOf(days) {
  const to = Date.parse(`${END_DATE}T00:00:00Z`);
  return { from: new Date(to - (days - 1) * 86_400_000).toISOString().slice(0, 10), to: END_DATE };
}

async function main() {
  const log = (line) => console.log(line);
  const world = await ensureWorld({
    serverUrl,
    database,
    seed: Number(values.seed),
    size: values.size,
    endDate: END_DATE,
    reload: values.reload,
    log,
  });
  const c = world.counts;
  const pool = new pg.Pool({ connectionString: world.url, max: 10 });
  const pages = (await pool.query(`SELECT page_id FROM messenger_page ORDER BY 1`)).rows.map((r) => r.page_id);
  const env = appEnv(world.url, pages);
  const app = await startApp(env);
  let failed = false;
  try {
    const token = await apiToken(env);
    const headers = { authorization: `Bearer ${token}` };
    const [{ workspace_id: ws }] = (
      await pool.query(`SELECT id AS workspace_id FROM workspace WHERE slug = $1`, [WORKSPACE])
    ).rows;
    console.log(
      `queries bench: ${values.size} world (seed ${values.seed}, to ${END_DATE}) in ${database}: ${c.contacts} contacts of ` +
        `${c.people} people, ${c.messages} messages (${c.inbound} inbound), ${c.conversions} conversions, ` +
        `${c.insightRows} ad-day insight rows, ${c.rollupRows} observed_daily rows; ` +
        `loaded in ${world.load_seconds.toFixed(0)} s${world.cached ? ' (cached from an earlier run)' : ''}`,
    );
    console.log(
      `${runs} timed HTTP runs per endpoint and range after ${WARMUP} warm-up runs; raw SQL ${rawRuns} runs (p50); ` +
        `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores before timing`,
    );
    console.log(
      `${pad('endpoint', 11)} ${pad('range', 6)} ${lpad('p50 ms', 8)} ${lpad('p95 ms', 8)} ${lpad('raw p50', 9)} ${lpad('ratio', 8)}  goal`,
    );
    const missed = [];
    for (const days of [90, 365]) {
      const range = rangeOf(days);
      const q = `from=${range.from}&to=${range.to}`;
      const args = [ws, range.from, range.to];
      const [ctx] = (
        await pool.query(
          `SELECT campaign_id, (SELECT adset_id FROM ad_insight_daily WHERE workspace_id = $1 AND campaign_id = top.campaign_id
             AND day BETWEEN $2 AND $3 GROUP BY 1 ORDER BY sum(spend) DESC LIMIT 1) AS adset_id
           FROM (SELECT campaign_id FROM ad_insight_daily WHERE workspace_id = $1 AND day BETWEEN $2 AND $3
             GROUP BY 1 ORDER BY sum(spend) DESC LIMIT 1) AS top`,
          args,
        )
      ).rows;
      for (const endpoint of ENDPOINTS) {
        const url = `http://127.0.0.1:${app.port}${endpoint.path(q, ctx)}`;
        const get = async () => {
          const res = await fetch(url, { headers });
          const text = await res.text();
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
          return text;
        };
        await timed(get, WARMUP);
        const http = await timed(get, runs);
        const rawTimed = endpoint.noRaw ? null : await timed(() => endpoint.raw(pool, args, ctx), rawRuns);
        const mismatch = rawTimed && firstMismatch(endpoint.response(JSON.parse(http.last)), rawTimed.last);
        const p50 = percentile(http.times, 50);
        const p95 = percentile(http.times, 95);
        const raw50 = rawTimed ? percentile(rawTimed.times, 50) : null;
        const ratio = raw50 === null ? null : raw50 / p50;
        const problems = [];
        if (p95 > GOALS[days]) problems.push(`p95 > ${GOALS[days]} ms`);
        if (!endpoint.list && ratio !== null && ratio < MIN_RATIO) problems.push(`< ${MIN_RATIO}×`);
        if (mismatch) problems.push('FIGURES DIFFER');
        const note = endpoint.list
          ? ' (a list read from contact itself: no rollup, ratio not a goal)'
          : endpoint.noRaw
            ? ' (rules over rollups and sync state, last 7 days: no raw query beside it)'
            : '';
        console.log(
          `${pad(endpoint.name, 11)} ${pad(`${days} d`, 6)} ${lpad(ms(p50), 8)} ${lpad(ms(p95), 8)} ` +
            `${lpad(raw50 === null ? '—' : ms(raw50), 9)} ${lpad(ratio === null ? '—' : `${ratio.toFixed(ratio < 10 ? 1 : 0)}×`, 8)}  ` +
            `${problems.length ? `MISSED: ${problems.join(', ')}` : 'met'}${note}`,
        );
        if (mismatch) {
          console.log(
            `  first mismatch: "${mismatch.key}": endpoint ${mismatch.endpoint}, raw SQL ${mismatch.raw} (${http.last.length} bytes of answer)`,
          );
          failed = true;
        }
        if (problems.length) missed.push(`${endpoint.name} ${days} d: ${problems.join(', ')}`);
      }
    }
    console.log(`load average ${loadavg()[0].toFixed(1)} after timing`);
    console.log(
      missed.length === 0
        ? `goals met: every endpoint p95 ≤ 50 ms (90 d) and ≤ 150 ms (365 d), ≥ ${MIN_RATIO}× faster than raw SQL, figures equal`
        : `goals MISSED (${missed.length}): ${missed.join('; ')}`,
    );
  } finally {
    await app.stop();
    await pool.end();
  }
  if (failed) process.exitCode = 1;
}

await main();
