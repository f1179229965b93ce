// npm run bench:sync: a year of daily ad insights for one `large` account, through
// facebook-nodejs-business-sdk from the simulator (150 ms a call, Meta's default standard-tier
// rate limits on), into the embedded database, by the app's sync ("ours") and by a naive pull.
//
// Naive: sequential, one GET /insights per day (synchronous, no async report runs), cursors followed,
// no rate governor; it pages 500 rows, so each day of this account (≤ 420 ads) is one request. Its
// structure pull (account, campaigns, ad sets, ads) is sequential too. Both sides write through the
// app's AdsRepository into a fresh PGlite (startEmbeddedPostgres('memory')), served by a fresh
// simulator over a fresh world, so neither side inherits the other's rate-limit usage or caches.
//
// Each side runs in its own child process (its peak RSS is that process's maxRSS: Nest, the SDK and
// the embedded database together); the simulator runs in this parent process. Wall time counts from
// the first request to the last row written (app and database start-up excluded, the same for both).
//
// Both sides use DATABASE_POOL_SIZE=2 (BENCH_POOL to change it): one connection for the account lock,
// one for the queries. PGlite runs one statement at a time whatever the pool, so more connections
// only queue (measured slower: 31 s against 24 s with 10).
//
// BENCH_RUNS (default 3): runs of ours (median quoted). BENCH_NAIVE_RUNS (default 1): runs of naive
// over the full year. BENCH_NAIVE_DAYS: instead, naive over that many evenly spread days, extrapolated
// to the year (labelled so in the output).
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { cpus as cpuList, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const LATENCY_MS = 150;
const SEED = 7;
const END = '2025-06-30';
const SINCE = '2024-07-01'; // 365 days
const NAIVE_LIMIT = 500;
const RSS_GOAL_MB = 400;
const SPEEDUP_GOAL = 5;

const DAY_MS = 86_400_000;
const dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
const daysFrom = (since, until) => {
  const days = [];
  for (let t = Date.parse(`${since}T00:00:00Z`); t <= Date.parse(`${until}T00:00:00Z`); t += DAY_MS)
    days.push(dayOf(t));
  return days;
};
const cpuSeconds = ({ user, system }) => Math.round((user + system) / 1e5) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

const role = process.argv[2];
if (role === 'ours' || role === 'naive') await worker(role, JSON.parse(process.argv[3]));
else if (role === 'db') await databaseHost();
else await main();

// ---------------------------------------------------------------------------------------------
// Parent: the simulator, one fresh world and server per side and run; prints the comparison.

async function main() {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const naiveRuns = Number(process.env.BENCH_NAIVE_RUNS ?? 1);
  const naiveDays = process.env.BENCH_NAIVE_DAYS ? Number(process.env.BENCH_NAIVE_DAYS) : undefined;
  const allDays = daysFrom(SINCE, END);
  const sample = naiveDays ? allDays.filter((_, i) => i % Math.ceil(allDays.length / naiveDays) === 0) : undefined;
  const started = performance.now();
  const cpus = Number(execFileSync('nproc').toString().trim());
  const loadBefore = loadavg()[0];

  const naive = [];
  for (let i = 0; i < naiveRuns; i++) naive.push(await measure('naive', sample ? { days: sample } : {}));
  const ours = [];
  for (let i = 0; i < runs; i++) ours.push(await measure('ours', {}));

  if (naive.length === 0) {
    for (const r of ours) console.log(JSON.stringify({ ...r, plan: undefined }));
    return;
  }
  const n = pick(naive);
  const o = pick(ours);
  // sampled naive: the structure pull as measured, the days scaled up to the year
  const scale = sample ? allDays.length / sample.length : 1;
  const up = (total, part) => part + (total - part) * scale;
  const naiveMs = up(n.ms, n.structure.ms);
  const naiveRequests = Math.round(up(n.requests, n.structure.requests));
  const naiveRows = Math.round(n.rows * scale);
  const ratio = naiveMs / o.ms;
  const peakRss = Math.max(...ours.map((r) => r.rssMb));

  console.log(
    `bench:sync — account ${o.account} (large world, seed ${SEED}, standard tier), ${SINCE}..${END} (${allDays.length} days), ` +
      `simulator latency ${LATENCY_MS} ms/call, Meta's default standard-tier budgets (per hour: ads_insights 9,000, ` +
      `ad account 10,000, user 20,000, app 50,000), ${cpus} cores`,
  );
  console.log(`ours:  ${o.plan}; median of ${ours.length} run(s)`);
  console.log(
    `both:  database pool ${process.env.BENCH_POOL ?? '2'} connections (one for the account lock, one for queries: see the file's header); ` +
      `ours reads Graph's rows plain, naive the SDK's AdsInsights objects (what iterating its cursor gives)`,
  );
  console.log(
    `naive: sequential, 1 day per synchronous GET /insights, limit ${NAIVE_LIMIT}, cursors followed, no governor; ` +
      (sample
        ? `${sample.length} evenly spread days measured, EXTRAPOLATED to ${allDays.length} (×${scale.toFixed(2)})`
        : `full year measured`) +
      `; median of ${naive.length} run(s)`,
  );
  const row = (name, requests, ms, rows, rss, dbRss, note) =>
    console.log(
      `${name.padEnd(6)} requests ${String(requests).padStart(5)}  wall ${secs(ms).padStart(8)}  rows ${String(rows).padStart(7)}` +
        `  ${String(Math.round((rows / ms) * 1000)).padStart(6)} rows/s  peak RSS sync ${String(rss).padStart(4)} MB` +
        `, database ${String(dbRss).padStart(4)} MB${note}`,
    );
  const cpu = (r) => `CPU s: sync ${r.cpuS}, database ${r.dbCpuS}, simulator ${r.simCpuS}`;
  row('naive', naiveRequests, naiveMs, naiveRows, n.rssMb, n.dbRssMb, sample ? '  (extrapolated)' : '');
  row('ours', o.requests, o.ms, o.rows, o.rssMb, o.dbRssMb, `  (runs: ${ours.map((r) => secs(r.ms)).join(', ')})`);
  console.log(`where the time went (measured, not extrapolated): naive ${cpu(n)}; ours ${cpu(o)}`);
  console.log(
    `speed-up naive/ours: ${ratio.toFixed(1)}x (goal ≥ ${SPEEDUP_GOAL}x: ${ratio >= SPEEDUP_GOAL ? 'met' : 'NOT met'})` +
      `${sample ? ', naive extrapolated' : ''}; peak RSS of ours' sync process ${peakRss} MB ` +
      `(goal < ${RSS_GOAL_MB} MB: ${peakRss < RSS_GOAL_MB ? 'met' : 'NOT met'}); the embedded database ran in a process of ` +
      `its own (peak ${Math.max(...ours.map((r) => r.dbRssMb))} MB): in embedded mode the app holds both`,
  );
  for (const r of ours) {
    const g = r.governor;
    console.log(
      `rate limits (ours, run ${ours.indexOf(r) + 1}): peak usage ${g.peakPct}% (governor halves concurrency at ` +
        `${g.halfPct}%, goes serial at ${g.slowPct}%, pauses at ${g.pausePct}%); limit errors ${g.limitErrors}; ` +
        `Meta's estimated_time_to_regain_access asked ${secs(g.askedMs)} (union); governor waited ${secs(g.waitedMs)} ` +
        `(${secs(g.metaWaitMs)} for Meta's estimate, ${secs(g.pacingMs)} self-paced near the limit), ` +
        `longest wait beyond Meta's estimate ${g.overMs.toFixed(0)} ms`,
    );
  }
  const same = naive.every((r) => sample || (r.checksum === o.checksum && r.rows === o.rows));
  const consistent = ours.every((r) => r.checksum === o.checksum && r.rows === o.rows && r.simRequests === r.requests);
  console.log(
    `check: ${sample ? 'naive sampled, rows not compared' : same ? 'naive and ours stored the same rows (count, spend, impressions)' : 'MISMATCH between naive and ours'}; ` +
      `${consistent ? 'every run of ours stored the same rows, and its request count equals the simulator’s' : 'runs of ours DIFFER or miscount requests'}; ` +
      `bench wall ${secs(performance.now() - started)}`,
  );
  const loadAfter = loadavg()[0];
  console.log(
    `machine: ${cpus} cores (${cpuList()[0]?.model.trim()}), 1-min load average ${loadBefore.toFixed(1)} at the start and ` +
      `${loadAfter.toFixed(1)} at the end${Math.max(loadBefore, loadAfter) > cpus ? ' — OTHER WORK WAS RUNNING: figures are pessimistic' : ''}`,
  );
  if (!same || !consistent) process.exitCode = 1;
}

function pick(results) {
  const m = median(results.map((r) => r.ms));
  return results.find((r) => r.ms === m);
}

/** One side, one run: a fresh world and Graph server here, the side in a child process. */
async function measure(side, extra) {
  const { createWorld, startGraphServer } = await import('../../libs/meta-sim/dist/index.js');
  const world = createWorld({ seed: SEED, size: 'large', endDate: END });
  const account = world.accounts.find((a) => a.tier === 'standard');
  const graph = await startGraphServer(world, { faults: { latencyMs: LATENCY_MS } });
  const db = await startDatabaseHost();
  const cpu0 = process.cpuUsage();
  try {
    const args = {
      graphUrl: graph.url,
      databaseUrl: db.url,
      token: world.systemUserToken,
      account: account.id,
      ...extra,
    };
    const result = await child(side, args);
    const simCpuS = cpuSeconds(process.cpuUsage(cpu0));
    const { rssMb: dbRssMb, cpuS: dbCpuS } = await db.stop();
    return { ...result, simRequests: graph.requests, account: account.id, dbRssMb, dbCpuS, simCpuS };
  } finally {
    await db.stop();
    await graph.close();
  }
}

/** The embedded database (startEmbeddedPostgres('memory')) in a process of its own, so its memory is told apart. */
function startDatabaseHost() {
  const p = spawn(process.execPath, [fileURLToPath(import.meta.url), 'db'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const exited = new Promise((resolve) => p.on('exit', resolve));
  return new Promise((resolve, reject) => {
    p.on('error', reject);
    p.stdout.on('data', (d) => {
      out += d;
      const first = out.split('\n')[0];
      if (out.includes('\n') && first.startsWith('{"url"')) {
        let stopped;
        resolve({
          url: JSON.parse(first).url,
          stop: () =>
            (stopped ??= (async () => {
              p.stdin.end();
              await exited;
              return JSON.parse(out.trim().split('\n').pop());
            })()),
        });
      }
    });
    void exited.then((code) => reject(new Error(`database host exited ${code}: ${out}`)));
  });
}

async function databaseHost() {
  const { startEmbeddedPostgres } = await import('../../api/dist/database/embedded-postgres.js');
  const db = await startEmbeddedPostgres('memory');
  console.log(JSON.stringify({ url: db.url }));
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve));
  await db.close();
  console.log(
    JSON.stringify({ rssMb: Math.round(process.resourceUsage().maxRSS / 1024), cpuS: cpuSeconds(process.cpuUsage()) }),
  );
  process.exit(0);
}

function child(side, args) {
  return new Promise((resolve, reject) => {
    const prof = process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : [];
    const p = spawn(process.execPath, [...prof, fileURLToPath(import.meta.url), side, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${side} exited ${code}: ${out.slice(-2000)}`));
      else resolve(JSON.parse(last));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Child: the app (Nest context, embedded database) and one side of the comparison.

async function worker(side, { graphUrl, databaseUrl, token, account, days }) {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../api/dist/app.module.js');
  const { loadConfig } = await import('../../api/dist/config/config.js');
  const { AdsRepository } = await import('../../api/dist/ads-sync/ads.repository.js');
  const { getDataSourceToken } = await import('@nestjs/typeorm');

  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DEMO: 'off',
    SECRETS_KEY: randomBytes(32).toString('base64'), // required outside demo mode
    META_ACCESS_TOKEN: token,
    META_AD_ACCOUNT_IDS: account,
    META_GRAPH_URL: graphUrl,
    SYNC_HOURLY_CRON: 'off',
    SYNC_DAILY_CRON: 'off',
    DATABASE_POOL_SIZE: process.env.BENCH_POOL ?? '2',
  });
  config.sync.worker = false; // the bench executes the run itself
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config, databaseUrl, serveDashboard: false }),
    { logger: false },
  );
  const sql = app.get(getDataSourceToken());
  const [{ id: workspaceId }] = await sql.query(`SELECT id FROM workspace WHERE slug = $1`, [config.meta.workspace]);

  let result;
  if (side === 'ours') result = await runOurs(app, workspaceId, account);
  else result = await runNaive(app.get(AdsRepository), token, workspaceId, account, days ?? daysFrom(SINCE, END));

  const [check] = await sql.query(
    `SELECT count(*)::int AS rows, sum(spend)::text AS spend, sum(impressions)::text AS impressions
     FROM ad_insight_daily WHERE workspace_id = $1`,
    [workspaceId],
  );
  await app.close();
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    JSON.stringify({
      ...result,
      rows: check.rows,
      checksum: `${check.rows}/${check.spend}/${check.impressions}`,
      rssMb,
    }),
  );
  process.exit(0);
}

async function runOurs(app, workspaceId, account) {
  const { AdsSyncService } = await import('../../api/dist/ads-sync/ads-sync.service.js');
  const { MetaClientFactory } = await import('../../api/dist/meta/meta-client.factory.js');
  const { DEFAULT_GOVERNOR } = await import('../../api/dist/meta/rate-governor.js');
  const { DEFAULT_PLAN } = await import('../../api/dist/ads-sync/sync-plan.js');
  const governor = app.get(MetaClientFactory).governor;
  const watch = watchGovernor(governor);
  const sync = app.get(AdsSyncService);

  if (process.env.BENCH_MEMLOG) {
    const t = performance.now();
    setInterval(() => {
      const m = process.memoryUsage();
      console.error(
        `${((performance.now() - t) / 1000).toFixed(0)}s rss ${(m.rss / 1048576).toFixed(0)} heap ${(m.heapUsed / 1048576).toFixed(0)} ext ${(m.external / 1048576).toFixed(0)} ab ${(m.arrayBuffers / 1048576).toFixed(0)}`,
      );
    }, 2000).unref();
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const queued = await sync.enqueue(workspaceId, account, 'backfill', { since: SINCE, until: END });
  const run = await sync.execute(queued.id);
  const ms = performance.now() - t0;
  const cpuS = cpuSeconds(process.cpuUsage(cpu0));
  if (run?.status !== 'succeeded') throw new Error(`sync run ended ${run?.status}: ${run?.error}`);
  const { slowPct, pausePct, maxConcurrency } = DEFAULT_GOVERNOR;
  return {
    ms,
    cpuS,
    requests: run.requests,
    plan:
      `app sync, chunks of ${DEFAULT_PLAN.asyncChunkDays} days as async report runs (sync GET only for ranges ≤ ` +
      `${DEFAULT_PLAN.syncMaxDays} days), governor max ${maxConcurrency} calls in flight per account`,
    governor: { ...watch.summary(), slowPct, pausePct, halfPct: Math.round(slowPct / 1.5) },
  };
}

/**
 * Watches the shared rate governor from outside: Meta's asks (block: a limit error or a regain
 * estimate in the usage headers), the usage it reports, and every wait the governor imposes.
 */
function watchGovernor(governor) {
  const asks = []; // [from, to] windows Meta asked us to stay away
  const waits = []; // { ms, metaMs }
  let peakPct = 0;
  const block = governor.block.bind(governor);
  governor.block = (key, ms) => {
    asks.push([Date.now(), Date.now() + ms]);
    return block(key, ms);
  };
  const observe = governor.observe.bind(governor);
  governor.observe = (key, usage) => {
    peakPct = Math.max(peakPct, usage.maxPct);
    return observe(key, usage);
  };
  const waitIfLimited = governor.waitIfLimited.bind(governor);
  governor.waitIfLimited = async (key, lane) => {
    const start = Date.now();
    const metaMs = Math.max(0, lane.blockedUntil - start);
    const before = governor.waitedMs.get(key) ?? 0;
    await waitIfLimited(key, lane);
    // only the waits the governor imposed (its own ledger grew), measured on the wall clock
    if ((governor.waitedMs.get(key) ?? 0) > before) waits.push({ ms: Date.now() - start, metaMs });
  };
  return {
    summary: () => {
      const union = asks
        .sort((a, b) => a[0] - b[0])
        .reduce((acc, [from, to]) => {
          const last = acc.at(-1);
          if (last && from <= last[1]) last[1] = Math.max(last[1], to);
          else acc.push([from, to]);
          return acc;
        }, []);
      const metaWaits = waits.filter((w) => w.metaMs > 0);
      return {
        peakPct,
        limitErrors: asks.length,
        askedMs: union.reduce((n, [from, to]) => n + (to - from), 0),
        waitedMs: waits.reduce((n, w) => n + w.ms, 0),
        metaWaitMs: metaWaits.reduce((n, w) => n + w.ms, 0),
        pacingMs: waits.filter((w) => w.metaMs === 0).reduce((n, w) => n + w.ms, 0),
        overMs: Math.max(0, ...metaWaits.map((w) => w.ms - w.metaMs)),
      };
    },
  };
}

/** The straightforward pull: one request at a time, a day per insights request, no async runs. */
async function runNaive(ads, token, workspaceId, accountId, days) {
  const { bizSdk } = await import('../../api/dist/meta/meta-sdk.js');
  const { ALL_STATUSES, INSIGHT_FIELDS, OBJECT_FIELDS } = await import('../../api/dist/meta/marketing-api.js');
  const { toInsightRow } = await import('../../api/dist/ads-sync/insight-row.js');
  const { FacebookAdsApi, AdAccount } = bizSdk;
  const api = new FacebookAdsApi(token, 'en_US', false);
  const account = new AdAccount(accountId, {}, undefined, api);
  const plain = (o) => o._data ?? o;
  let requests = 0;
  async function* all(first) {
    requests++;
    let cursor = await first();
    yield cursor.map(plain);
    while (cursor.hasNext()) {
      requests++;
      cursor = await cursor.next();
      yield cursor.map(plain);
    }
  }

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await ads.ensureAccount(workspaceId, accountId);
  requests++;
  const fields = await account.read(['name', 'currency', 'timezone_name', 'account_status', 'business']);
  await ads.updateAccount(workspaceId, accountId, plain(fields));
  const objectFields = OBJECT_FIELDS;
  const edges = { campaign: 'getCampaigns', adset: 'getAdSets', ad: 'getAds' };
  for (const level of ['campaign', 'adset', 'ad']) {
    const params = { effective_status: ALL_STATUSES, limit: NAIVE_LIMIT };
    for await (const page of all(() => account[edges[level]](objectFields[level], params))) {
      await ads.upsertObjects(workspaceId, accountId, level, page);
    }
  }
  const structure = { ms: performance.now() - t0, requests };
  for (const day of days) {
    const params = {
      level: 'ad',
      time_increment: 1,
      time_range: { since: day, until: day },
      use_unified_attribution_setting: true,
      filtering: [{ field: 'ad.effective_status', operator: 'IN', value: ALL_STATUSES }],
      limit: NAIVE_LIMIT,
    };
    for await (const page of all(() => account.getInsights(INSIGHT_FIELDS, params))) {
      await ads.upsertInsights(workspaceId, page.map(toInsightRow));
    }
  }
  return { ms: performance.now() - t0, cpuS: cpuSeconds(process.cpuUsage(cpu0)), requests, structure };
}
