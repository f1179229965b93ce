// npm run bench:db: what the embedded database costs, measured in one run.
// Workload: 100k daily-insight-like rows in 1,000-row batches, then a weekly rollup query.
// Baseline: the same workload on PGlite called in-process (no wire protocol), so the ratio is the
// price of serving PGlite over a loopback socket to the ordinary pg driver. With TEST_DATABASE_URL,
// the same workload on that PostgreSQL server is measured too.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../api/dist/database/embedded-postgres.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const ddl = `CREATE TABLE bench_insight (
  workspace_id uuid NOT NULL, ad_id text NOT NULL, day date NOT NULL,
  spend numeric(14,2) NOT NULL, impressions bigint NOT NULL, clicks bigint NOT NULL,
  PRIMARY KEY (workspace_id, ad_id, day))`;
const rollup = `SELECT date_trunc('week', day) AS week, sum(spend) AS spend, sum(impressions) AS impressions,
  sum(clicks)::float / nullif(sum(impressions), 0) AS ctr FROM bench_insight GROUP BY 1 ORDER BY 1`;
const workspace = '00000000-0000-4000-8000-000000000001';

function batchSql(start) {
  const values = [];
  const params = [];
  for (let i = start; i < Math.min(start + BATCH, ROWS); i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    const p = params.length;
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`);
    params.push(workspace, `ad_${Math.floor(i / 365)}`, day, ((i * 7919) % 10_000) / 100, 1000 + (i % 977), i % 53);
  }
  return { sql: `INSERT INTO bench_insight VALUES ${values.join(',')}`, params };
}

/** Runs the workload through `query`; returns seconds for the inserts and for the rollup. */
async function workload(query) {
  await query('DROP TABLE IF EXISTS bench_insight');
  await query(ddl);
  const t0 = performance.now();
  for (let start = 0; start < ROWS; start += BATCH) {
    const { sql, params } = batchSql(start);
    await query(sql, params);
  }
  const t1 = performance.now();
  const rows = await query(rollup);
  const t2 = performance.now();
  if (rows.length < 52) throw new Error(`rollup returned ${rows.length} weeks`);
  await query('DROP TABLE bench_insight');
  return { insert: (t1 - t0) / 1000, rollup: (t2 - t1) / 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name, open) {
  const { query, close } = await open();
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await workload(query));
  } finally {
    await close();
  }
  return { name, insert: median(runs.map((r) => r.insert)), rollup: median(runs.map((r) => r.rollup)) };
}

const direct = async () => {
  const db = new PGlite();
  return { query: async (sql, params) => (await db.query(sql, params)).rows, close: () => db.close() };
};
const viaPg = (urlOf) => async () => {
  const target = await urlOf();
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  const close = async () => {
    await client.end();
    await target.close();
  };
  return { query: async (sql, params) => (await client.query(sql, params)).rows, close };
};

const results = [await measure('PGlite in-process (baseline)', direct)];
results.push(
  await measure(
    'PGlite over the wire (embedded mode)',
    viaPg(() => startEmbeddedPostgres('memory')),
  ),
);
if (process.env.TEST_DATABASE_URL) {
  results.push(
    await measure(
      'PostgreSQL server (TEST_DATABASE_URL)',
      viaPg(async () => ({ url: process.env.TEST_DATABASE_URL, close: async () => {} })),
    ),
  );
}

const [base] = results;
console.log(`bench:db — ${ROWS.toLocaleString('en')} rows in ${BATCH}-row batches, median of ${RUNS} runs`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(40)} insert ${r.insert.toFixed(2)} s (${Math.round(ROWS / r.insert).toLocaleString('en')} rows/s, ` +
      `${(r.insert / base.insert).toFixed(2)}x baseline)  rollup ${(r.rollup * 1000).toFixed(0)} ms (${(r.rollup / base.rollup).toFixed(2)}x baseline)`,
  );
}
