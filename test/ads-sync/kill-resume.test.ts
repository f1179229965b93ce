import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorld, startGraphServer, type GraphServer } from '@ctm/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangeOf, startGraphProxy, type GraphProxy } from '../../api/test/support/graph-proxy.js';
import { withDataDir } from '../support/data-dir.js';
import { signInFirstOwner, startAppProcess, type AppProcess } from '../support/app-process.js';

const END = '2026-11-20';
/** Long before the world starts too: more 92-day report runs than run at once, so the kill lands between checkpoints. */
const RANGE = { since: '2024-01-01', until: END };
const PULL = new Date('2026-11-22T12:00:00Z');

const tmp = mkdtempSync(path.join(tmpdir(), 'ctm-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Run = { status: string; doneUntil: string | null; rowsWritten: number };

async function waitForRun(
  base: string,
  auth: Record<string, string>,
  id: string,
  until: (run: Run) => boolean,
): Promise<Run> {
  for (let i = 0; i < 600; i++) {
    const run = (await (await fetch(`${base}/api/sync/runs/${id}`, { headers: auth })).json()) as Run;
    if (until(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`run ${id} did not get there in time`);
}

describe('SIGKILL in the middle of a backfill, then a restart', () => {
  const world = createWorld({ seed: 11, size: 'small', endDate: END });
  const account = world.accounts[0]!.id;
  const dataDir = path.join(tmp, 'data');
  let graph: GraphServer;
  let proxy: GraphProxy;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    // every call takes a while, so the backfill lasts a few seconds
    graph = await startGraphServer(world, { now: () => PULL.getTime(), faults: { latencyMs: 60 } });
    proxy = await startGraphProxy(graph);
  });
  afterAll(async () => {
    await app?.stop('SIGKILL');
    await proxy?.close();
    await graph?.close();
  });
  const env = () => ({
    DATA_DIR: dataDir,
    META_ACCESS_TOKEN: world.systemUserToken,
    META_AD_ACCOUNT_IDS: account,
    META_GRAPH_URL: proxy.url,
    SYNC_HOURLY_CRON: 'off',
    SYNC_DAILY_CRON: 'off',
  });

  it('resumes from its checkpoint and ends with exactly the rows of an uninterrupted run', async () => {
    app = startAppProcess(env());
    let base = await app.ready;
    // the session lives in the database: it still works after the restart
    const auth = await signInFirstOwner(base);
    const res = await fetch(`${base}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ account, ...RANGE }),
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const midway = await waitForRun(base, auth, runId, (r) => r.doneUntil !== null);
    expect(midway.status).toBe('running');
    expect(midway.doneUntil! < RANGE.until).toBe(true);
    await app.stop('SIGKILL');

    // the killed process left its data-dir lock behind: age it past its staleness instead of waiting 15 s
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dataDir, 'ctm-analytics.lock'), old, old);
    const callsBefore = proxy.calls.length;
    app = startAppProcess(env());
    base = await app.ready;
    const done = await waitForRun(base, auth, runId, (r) => r.status !== 'running' && r.status !== 'queued');
    expect(done).toMatchObject({ status: 'succeeded', doneUntil: RANGE.until });
    // the restarted process asked only for the days after the checkpoint
    const resumed = proxy.calls.slice(callsBefore).filter((c) => rangeOf(c));
    expect(resumed.length).toBeGreaterThan(0);
    for (const call of resumed) expect(rangeOf(call)!.since > midway.doneUntil!).toBe(true);
    expect((await app.stop('SIGTERM')).code).toBe(0);
    app = undefined;

    const stored = await withDataDir(dataDir, async (c) => {
      const rows = await c.query(
        `SELECT ad_id, to_char(day, 'YYYY-MM-DD') AS day, spend::text AS spend, impressions::int, reach::int,
           clicks::int, actions FROM ad_insight_daily ORDER BY ad_id, day`,
      );
      return rows.rows as { ad_id: string; day: string; spend: string; actions: unknown }[];
    });
    const expected = [
      ...world.insights({ accountId: account, level: 'ad', ...RANGE, timeIncrement: 1, pulledAt: PULL }),
    ]
      .map((r) => ({
        ad_id: r.ad_id,
        day: r.date_start,
        spend: Number(r.spend).toFixed(2),
        impressions: Number(r.impressions),
        reach: Number(r.reach),
        clicks: Number(r.clicks),
        actions: r.actions ?? [],
      }))
      .sort((x, y) => x.ad_id.localeCompare(y.ad_id) || x.day.localeCompare(y.day));
    expect(expected.length).toBeGreaterThan(200);
    expect(stored).toEqual(expected);
  });
});
