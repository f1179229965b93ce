import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withDataDir } from '../support/data-dir.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';

// Process tier: run `node scripts/build.mjs` first (the test starts api/dist/main.js).

const SECRET = 'kill-burst-app-secret';
const PAGE = '104857600000001';
const CONNECTIONS = 32;
const DELIVERIES = 3_000;
/** The kill lands once this many deliveries were acknowledged, with many more in flight. */
const KILL_AFTER_ACKS = 400;

const tmp = mkdtempSync(path.join(tmpdir(), 'ctm-kill-burst-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Delivery = { key: string; mids: string[]; body: string; signature: string };

/** Realistic message deliveries: one to three events each, every mid unique; `key` is the first mid. */
function delivery(n: number): Delivery {
  const count = 1 + (n % 3);
  const mids = Array.from({ length: count }, (_, i) => `m_kill_${n}_${i}`);
  const messaging = mids.map((mid, i) => {
    const timestamp = Date.UTC(2026, 5, 1) + n * 1_000 + i;
    const sender = String(7312345678900000 + (n % 150));
    const message =
      n % 5 === 0 && i === 0
        ? {
            mid,
            text: 'Is this still available?',
            referral: { ad_id: '23851234567890123', source: 'ADS', type: 'OPEN_THREAD' },
          }
        : { mid, text: `Bonjour, c'est combien ? été 😊 ${n}.${i}` };
    return { sender: { id: sender }, recipient: { id: PAGE }, timestamp, message };
  });
  const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: Date.UTC(2026, 5, 1), messaging }] });
  return { key: mids[0]!, mids, body, signature: `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` };
}

/** Status code of one POST, or the connection error's code. */
function post(agent: http.Agent, base: string, d: Delivery): Promise<number | string> {
  const url = new URL('/webhooks/messenger', base);
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(d.body),
          'x-hub-signature-256': d.signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end(d.body);
  });
}

describe('SIGKILL in the middle of a burst of webhook deliveries, then a restart', () => {
  const dataDir = path.join(tmp, 'data');
  const env = {
    DATA_DIR: dataDir,
    META_APP_SECRET: SECRET,
    META_VERIFY_TOKEN: 'kill-burst-verify',
    META_PAGE_IDS: PAGE,
    SYNC_HOURLY_CRON: 'off',
    SYNC_DAILY_CRON: 'off',
    CONVERSATIONS_BACKFILL_CRON: 'off',
  };
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.stop('SIGKILL');
  });

  it('stores every acknowledged event exactly once, loses none, and finishes processing', async () => {
    const deliveries = Array.from({ length: DELIVERIES }, (_, n) => delivery(n));
    app = startAppProcess(env);
    const base = await app.ready;

    // the burst: CONNECTIONS keep-alive connections, each sending one delivery after another
    const outcome = new Map<string, number | string>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    let next = 0;
    let acks = 0;
    let killed = false;
    const killing = app;
    const worker = async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++]!;
        const status = await post(agent, base, d);
        outcome.set(d.key, status);
        if (status === 200 && ++acks === KILL_AFTER_ACKS) {
          killed = true;
          killing.proc.kill('SIGKILL');
        }
        // once the process is gone every request fails at once: stop there (Meta would retry later)
        if (killed && status !== 200) return;
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    agent.destroy();
    expect((await app.exited).code).toBeNull(); // killed by the signal, not exited
    app = undefined;
    const acked = deliveries.filter((d) => outcome.get(d.key) === 200);
    const unacked = deliveries.filter((d) => outcome.has(d.key) && outcome.get(d.key) !== 200);
    // the kill did land in the middle: some acknowledged, some cut off in flight
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(unacked.length).toBeGreaterThan(0);
    expect(acked.length + unacked.length).toBeLessThan(DELIVERIES);
    expect(unacked.every((d) => typeof outcome.get(d.key) === 'string')).toBe(true); // connection errors, no 5xx

    // the killed process left its data-dir lock behind: age it past its staleness instead of waiting 15 s
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dataDir, 'ctm-analytics.lock'), old, old);

    // restart; Meta retries what got no 200 (some of which may have been committed before the kill);
    // then let processing run, stopping and looking until nothing is pending
    const retried = new Map<string, number | string>();
    let pending = Number.POSITIVE_INFINITY;
    let restarts = 0;
    const counts = { delivered: new Map<string, number>(), events: new Map<string, number>(), failed: 0, pending: 0 };
    while (pending > 0) {
      expect(restarts++, 'processing did not complete').toBeLessThan(8);
      app = startAppProcess(env);
      const url = await app.ready;
      if (retried.size === 0) {
        const retryAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
        for (const d of unacked) retried.set(d.key, await post(retryAgent, url, d));
        retryAgent.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect((await app.stop('SIGTERM')).code).toBe(0);
      app = undefined;
      await withDataDir(dataDir, async (c) => {
        const byStatus = await c.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM webhook_delivery GROUP BY status`,
        );
        const of = (s: string) => byStatus.rows.find((r) => r.status === s)?.n ?? 0;
        pending = of('pending');
        counts.pending = pending;
        counts.failed = of('failed');
        if (pending > 0) return;
        const delivered = await c.query<{ key: string; n: number }>(
          `SELECT convert_from(body, 'UTF8')::jsonb #>> '{entry,0,messaging,0,message,mid}' AS key, count(*)::int AS n
             FROM webhook_delivery GROUP BY 1`,
        );
        counts.delivered = new Map(delivered.rows.map((r) => [r.key, r.n]));
        const events = await c.query<{ mid: string; n: number }>(
          `SELECT substr(event_id, 5) AS mid, count(*)::int AS n FROM messenger_event GROUP BY 1`,
        );
        counts.events = new Map(events.rows.map((r) => [r.mid, r.n]));
      });
    }

    expect([...retried.values()].every((s) => s === 200)).toBe(true);
    expect(counts.failed).toBe(0);
    // every acknowledged delivery is in the log exactly once: nothing acknowledged was lost
    expect(acked.filter((d) => counts.delivered.get(d.key) !== 1).map((d) => d.key)).toEqual([]);
    // a delivery cut off by the kill is there once or twice (committed, then retried), never lost
    for (const d of unacked) expect([1, 2]).toContain(counts.delivered.get(d.key));
    // every event of every delivery sent (acknowledged, or retried after the restart) is stored exactly once
    const sent = [...acked, ...unacked].flatMap((d) => d.mids);
    expect(sent.filter((mid) => counts.events.get(mid) !== 1)).toEqual([]);
    expect([...counts.events.keys()].sort()).toEqual([...sent].sort());
    console.log(
      `kill-burst: ${acked.length} deliveries acknowledged before the SIGKILL, ${unacked.length} cut off and retried` +
        ` (${unacked.filter((d) => counts.delivered.get(d.key) === 2).length} of them had been committed), ` +
        `${sent.length} events stored once each, processing complete after ${restarts} restart(s)`,
    );
  });
});
