import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsSyncService } from '../../src/ads-sync/ads-sync.service.js';
import type { SyncRun } from '../../src/ads-sync/sync-runs.repository.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const WORLD = { seed: 11, size: 'small', endDate: '2026-11-20' } as const;
const PULL = new Date('2026-11-22T12:00:00Z');
const RANGE = { since: '2026-10-01', until: '2026-11-20' };

/** Queues a backfill per account, then lets every given instance drain the queue at the same moment. */
async function syncWith(instances: SyncHarness[]): Promise<(SyncRun[] | undefined)[]> {
  const [first] = instances;
  const sql = first!.app.get<DataSource>(getDataSourceToken());
  const [ws] = (await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`)) as { id: string }[];
  const sync = first!.app.get(AdsSyncService);
  for (const account of first!.world.accounts) await sync.enqueue(ws!.id, account.id, 'backfill', RANGE);
  return Promise.all(instances.map((h) => h.app.get(AdsSyncService).drain()));
}

describe.runIf(process.env.TEST_DATABASE_URL)('two app instances on one PostgreSQL', () => {
  let dbs: TestDatabase[] = [];
  let single: SyncHarness;
  let pair: SyncHarness[] = [];
  let singleCalls = 0;
  let pairResults: (SyncRun[] | undefined)[] = [];
  beforeAll(async () => {
    dbs = [await createTestDatabase('postgres'), await createTestDatabase('postgres')];
    single = await startSyncHarness(dbs[0]!.url, WORLD, { now: () => PULL.getTime() });
    await syncWith([single]);
    singleCalls = single.graph.requests;
    const first = await startSyncHarness(dbs[1]!.url, WORLD, { now: () => PULL.getTime() });
    const second = await startSyncHarness(dbs[1]!.url, WORLD, {}, { shared: first });
    pair = [first, second];
    pairResults = await syncWith(pair);
  });
  afterAll(async () => {
    for (const h of [...pair].reverse()) await h.close();
    await single?.close();
    for (const db of dbs) await db.drop();
  });

  it('asks Meta exactly as much as one instance does', () => {
    // structure pages, report runs and their polls: a real sync, not a no-op
    expect(singleCalls).toBeGreaterThanOrEqual(10);
    expect(pair[0]!.graph.requests).toBe(singleCalls);
  });

  it('syncs each account in one instance only, to the end', async () => {
    const sql = pair[0]!.app.get<DataSource>(getDataSourceToken());
    const runs: { account_id: string; status: string; rows_written: number }[] = await sql.query(
      `SELECT account_id, status, rows_written FROM sync_run ORDER BY account_id`,
    );
    expect(runs.map((r) => r.status)).toEqual(pair[0]!.world.accounts.map(() => 'succeeded'));
    // a run is reported as done by the instance that held its account, and skipped by the other
    const byInstance = pairResults.map((rs) => (rs ?? []).filter((r) => r.status === 'succeeded').length);
    expect(byInstance.reduce((a, b) => a + b, 0)).toBe(pair[0]!.world.accounts.length);
    const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM ad_insight_daily`)) as [{ n: number }];
    expect(runs.reduce((sum, r) => sum + r.rows_written, 0)).toBe(n);
  });
});
