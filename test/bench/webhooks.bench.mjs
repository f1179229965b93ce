// npm run bench:webhooks: how many signed Messenger deliveries the app acknowledges per second.
// Load: single-event POSTs (realistic message events, each with its own mid, for a connected page)
// from 50 concurrent keep-alive connections for 20 s, against the built app (api/dist/main.js as a
// child process, processing included) on PostgreSQL (TEST_DATABASE_URL, a fresh database dropped
// after the run; the embedded database when no server answers).
// Baseline, in the same run and on the same database: a bare node:http server (its own process)
// that checks the signature and inserts each delivery in its own transaction into a table of its own.
// Then every acknowledged delivery is checked to be stored exactly once (and, for the app, processed
// into exactly one messenger_event).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SECRET = 'bench-app-secret';
const PAGE = '104857600000001';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const POOL_SIZE = 10; // the app's default DATABASE_POOL_SIZE; the baseline gets the same
const root = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The baseline: node:http, signature check, one INSERT (its own transaction) per delivery.

async function baselineServer(url) {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const sig = /^sha256=([0-9a-f]{64})$/i.exec(req.headers['x-hub-signature-256'] ?? '');
      const expected = createHmac('sha256', SECRET).update(body).digest();
      if (!sig || !timingSafeEqual(expected, Buffer.from(sig[1], 'hex'))) return reply(res, 403, 'bad signature');
      try {
        JSON.parse(body.toString('utf8'));
      } catch {
        return reply(res, 400, 'not JSON');
      }
      pool.query('INSERT INTO baseline_delivery (body) VALUES ($1)', [body]).then(
        () => reply(res, 200, 'EVENT_RECEIVED'),
        (error) => reply(res, 500, String(error)),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
  process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
}

function reply(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// ---------------------------------------------------------------------------------------------
// Deliveries: the shapes of libs/attribution/src/fixtures (text, quick reply, ad referral,
// attachments), one event each, every mid unique, senders spread over a few thousand people.

const RUN = randomBytes(3).toString('hex');
const T0 = Date.UTC(2026, 5, 1);

function delivery(n) {
  const timestamp = T0 + n * 7;
  const sender = String(7312345678900000 + (n % 4000));
  const mid = `m_bench_${RUN}_${n}`;
  let message;
  switch (n % 8) {
    case 0:
      message = {
        mid,
        text: 'Is this still available?',
        referral: {
          ad_id: '23851234567890123',
          source: 'ADS',
          type: 'OPEN_THREAD',
          ads_context_data: { ad_title: 'Spring sale - chat with us', post_id: `${PAGE}_987654321` },
        },
      };
      break;
    case 1:
      message = { mid, text: 'Yes, book it', quick_reply: { payload: 'BOOK_YES' } };
      break;
    case 2:
      message = {
        mid,
        attachments: [{ type: 'image', payload: { url: `https://scontent.xx.fbcdn.net/v/t1.15752-9/${n}_n.jpg` } }],
      };
      break;
    default:
      message = { mid, text: `Bonjour, c'est combien ? été 😊 #${n}` };
  }
  const body = JSON.stringify({
    object: 'page',
    entry: [
      {
        id: PAGE,
        time: timestamp,
        messaging: [{ sender: { id: sender }, recipient: { id: PAGE }, timestamp, message }],
      },
    ],
  });
  return { mid, body, signature: `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` };
}

// ---------------------------------------------------------------------------------------------
// Load: CONNECTIONS workers, each with one request in flight at a time, on keep-alive sockets.

async function load(port, pathName, seconds, counter, record) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
  const acked = [];
  const latencies = [];
  let failures = 0;
  const failureSamples = new Map();
  const end = performance.now() + seconds * 1000;
  const post = (d) =>
    new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path: pathName,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(d.body),
            'x-hub-signature-256': d.signature,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', (e) => resolve(e.code ?? String(e)));
      req.end(d.body);
    });
  const worker = async () => {
    while (performance.now() < end) {
      const d = delivery(counter.n++);
      const t = performance.now();
      const status = await post(d);
      const ms = performance.now() - t;
      if (status === 200) {
        if (record) {
          acked.push(d.mid);
          latencies.push(ms);
        }
      } else {
        failures++;
        failureSamples.set(status, (failureSamples.get(status) ?? 0) + 1);
      }
    }
  };
  const load1 = loadavg()[0];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    acked,
    failures,
    failureSamples,
    rate: acked.length / elapsed,
    p50: q(0.5),
    p99: q(0.99),
    // the machine is shared: what else ran shows in the load average; the load generator's own share
    load1,
    clientCpu: (cpu.user + cpu.system) / 1e6 / elapsed,
  };
}

// ---------------------------------------------------------------------------------------------

async function openDatabase() {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  try {
    const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
    await admin.connect();
    const name = `ctm_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const where = `PostgreSQL at ${url.hostname}:${url.port || 5432} (fresh database ${name})`;
    const drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
    return { url: url.toString(), where, drop };
  } catch (error) {
    const { startEmbeddedPostgres } = await import('../../api/dist/database/embedded-postgres.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'ctm-bench-'));
    const db = await startEmbeddedPostgres(path.join(dir, 'data'));
    console.log(
      `no PostgreSQL answers at ${serverUrl} (${error.code ?? error.message}): running on the embedded database`,
    );
    const drop = async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return { url: db.url, where: 'the embedded database (PGlite served over the wire, in the bench process)', drop };
  }
}

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startApp(databaseUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'api/dist/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      META_APP_SECRET: SECRET,
      META_VERIFY_TOKEN: 'bench-verify',
      META_PAGE_IDS: PAGE,
      DEMO: 'off',
      SECRETS_KEY: randomBytes(32).toString('base64'), // required outside demo mode; nothing is encrypted here
      LOG_LEVEL: 'warn',
      SYNC_HOURLY_CRON: 'off',
      SYNC_DAILY_CRON: 'off',
      CONVERSATIONS_BACKFILL_CRON: 'off',
      ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: () => (child.kill('SIGTERM'), exited) };
}

async function startBaseline(url) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'baseline-server', url], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const port = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
  });
  return { port, stop: () => (child.kill('SIGTERM'), exited) };
}

/** Counts, per acknowledged mid, the rows `sql` returns (mid, n); all must be exactly 1. */
async function verifyOnce(client, sql, acked) {
  const rows = (await client.query(sql)).rows;
  const counts = new Map(rows.map((r) => [r.mid, Number(r.n)]));
  let missing = 0;
  let duplicated = 0;
  for (const mid of acked) {
    const n = counts.get(mid) ?? 0;
    if (n === 0) missing++;
    else if (n > 1) duplicated++;
  }
  const extra = [...counts.values()].filter((n) => n > 1).length;
  return { rows: rows.reduce((s, r) => s + Number(r.n), 0), missing, duplicated: Math.max(duplicated, extra) };
}

const fmt = (r) =>
  `${Math.round(r.rate).toLocaleString('en-US')} events/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms` +
  ` (${r.acked.length.toLocaleString('en-US')} acknowledged` +
  (r.failures ? `, ${r.failures} failed: ${[...r.failureSamples].map(([k, v]) => `${k}×${v}`).join(', ')}` : '') +
  `; load avg ${r.load1.toFixed(1)} before, load generator ${Math.round(r.clientCpu * 100)}% of a core)`;

async function main() {
  const db = await openDatabase();
  let ok;
  try {
    console.log(
      `webhooks bench: ${CONNECTIONS} connections × ${SECONDS} s of signed single-event POSTs on ${db.where}`,
    );
    const counter = { n: 0 };

    // ours: the built app as its own process, migrations and page connection at boot
    const app = await startApp(db.url);
    let ours;
    // (processing into messenger_event runs in the app during the load too, as in production)
    try {
      await load(app.port, '/webhooks/messenger', WARMUP_SECONDS, counter, false);
      ours = await load(app.port, '/webhooks/messenger', SECONDS, counter, true);
    } catch (error) {
      await app.stop();
      throw error;
    }
    console.log(
      `ours     (api/dist/main.js, full app, pool ${process.env.DATABASE_POOL_SIZE ?? POOL_SIZE}): ${fmt(ours)}`,
    );

    // wait until the app has processed everything it stored, then stop it
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const t = performance.now();
    for (let said = 0; ;) {
      const { n } = (await client.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'pending'`))
        .rows[0];
      if (n === 0) break;
      const waited = (performance.now() - t) / 1000;
      if (waited > 1_800) throw new Error(`${n} deliveries still pending after 30 minutes`);
      if (waited - said >= 30) {
        said = waited;
        console.log(
          `  … processing after the load: ${n.toLocaleString('en-US')} deliveries pending (${Math.round(waited)} s)`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const processSeconds = (performance.now() - t) / 1000;
    await app.stop();

    // baseline: bare node:http, one transaction per delivery, same database server
    await client.query(
      `CREATE TABLE baseline_delivery (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         received_at timestamptz NOT NULL DEFAULT now(), body bytea NOT NULL)`,
    );
    const baseline = await startBaseline(db.url);
    let base;
    try {
      await load(baseline.port, '/', WARMUP_SECONDS, counter, false);
      base = await load(baseline.port, '/', SECONDS, counter, true);
    } finally {
      await baseline.stop();
    }
    console.log(`baseline (node:http, 1 tx per event, pool ${POOL_SIZE}): ${fmt(base)}`);
    const ratio = ours.rate / base.rate;
    console.log(
      `ratio ours/baseline: ${ratio.toFixed(2)}× (goal ≥ 2×), ours p99 ${ours.p99.toFixed(2)} ms (goal ≤ 25 ms)`,
    );

    const midOf = `convert_from(body, 'UTF8')::jsonb #>> '{entry,0,messaging,0,message,mid}'`;
    const delivered = await verifyOnce(
      client,
      `SELECT ${midOf} AS mid, count(*) AS n FROM webhook_delivery GROUP BY 1`,
      ours.acked,
    );
    const events = await verifyOnce(
      client,
      `SELECT substr(event_id, 5) AS mid, count(*) AS n FROM messenger_event WHERE event_id LIKE 'mid:m_bench_%' GROUP BY 1`,
      ours.acked,
    );
    const failed = (await client.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status <> 'processed'`))
      .rows[0].n;
    const baseRows = await verifyOnce(
      client,
      `SELECT ${midOf} AS mid, count(*) AS n FROM baseline_delivery GROUP BY 1`,
      base.acked,
    );
    await client.end();
    console.log(
      `check ours: webhook_delivery ${delivered.rows} rows, ${delivered.missing} acknowledged missing, ${delivered.duplicated} duplicated; ` +
        `messenger_event ${events.rows} rows, ${events.missing} missing, ${events.duplicated} duplicated; ` +
        `${failed} not processed (processing caught up ${processSeconds.toFixed(1)} s after the load)`,
    );
    console.log(
      `check baseline: baseline_delivery ${baseRows.rows} rows, ${baseRows.missing} acknowledged missing, ${baseRows.duplicated} duplicated`,
    );
    const stored =
      delivered.missing + delivered.duplicated + events.missing + events.duplicated + failed === 0 &&
      baseRows.missing + baseRows.duplicated === 0;
    const goal = ratio >= 2 && ours.p99 <= 25;
    console.log(
      `${stored ? 'every acknowledged event stored exactly once' : 'STORAGE CHECK FAILED'}; goal ${goal ? 'met' : 'NOT met'}`,
    );
    ok = stored;
  } finally {
    await db.drop();
  }
  process.exit(ok ? 0 : 1);
}

if (process.argv[2] === 'baseline-server') {
  await baselineServer(process.argv[3]);
} else {
  await main();
}
