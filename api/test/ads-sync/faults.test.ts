import type { GraphServerOptions } from '@ctm/meta-sim';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsSyncService } from '../../src/ads-sync/ads-sync.service.js';
import type { SyncRun } from '../../src/ads-sync/sync-runs.repository.js';
import { MetaClientFactory } from '../../src/meta/meta-client.factory.js';
import { fastTime, startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const WORLD = { seed: 11, size: 'small', endDate: '2026-11-20' } as const;
/** After the world's end, on the same local day for both accounts (New York and Berlin) for hours of fast time. */
const PULL = new Date('2026-11-22T12:00:00Z');
/** A long backfill (async report runs) and a short one (synchronous, too big at once: 100/1487534, then split). */
const RANGES = [
  { since: '2026-10-01', until: '2026-11-20' },
  { since: '2026-11-18', until: '2026-11-20' },
];
/** 8 ads × 3 days is too much for one synchronous request; 8 × 2 is not. */
const MAX_SYNC_OBJECT_DAYS = 20;
const SPEED = 200;

const FAULTY: GraphServerOptions = {
  faults: { errorRate: 0.1, dropRate: 0.04, hangRate: 0.03, hangMs: 1_500, seed: 7 },
  // small enough that the token (17), the account (613) and the insights budget (80000) all run out
  // (one account is standard tier: its account budget runs out first; the other, development, its insights budget)
  budgets: {
    windowMs: 60_000,
    user: 14,
    account: 8,
    buc: {
      standard: { ads_insights: 1_000, ads_management: 1_000 },
      development: { ads_insights: 5, ads_management: 1_000 },
    },
  },
  maxSyncObjectDays: MAX_SYNC_OBJECT_DAYS,
};

type Synced = { h: SyncHarness; db: TestDatabase; runs: (SyncRun | undefined)[] };

async function syncAll(kind: TestDatabase['kind'], graph: GraphServerOptions): Promise<Synced> {
  const db = await createTestDatabase(kind);
  // rate limits make the sync wait whole minutes, as Meta asks: here 200 times shorter
  const now = fastTime(PULL, SPEED);
  const h = await startSyncHarness(db.url, WORLD, { ...graph, now }, { now, speed: SPEED, sdkTimeoutMs: 500 });
  const sql = h.app.get<DataSource>(getDataSourceToken());
  const sync = h.app.get(AdsSyncService);
  const [ws] = (await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`)) as { id: string }[];
  const runs = await Promise.all(
    h.world.accounts.map(async (account) => {
      const done = [];
      for (const range of RANGES)
        done.push(await sync.execute((await sync.enqueue(ws!.id, account.id, 'backfill', range)).id));
      return done;
    }),
  );
  return { h, db, runs: runs.flat() };
}

/** Everything a user could read from the sync's tables, minus the ids and times that differ between databases. */
async function dump(h: SyncHarness) {
  const sql = h.app.get<DataSource>(getDataSourceToken());
  const drop = `ARRAY['workspace_id', 'pulled_at', 'first_seen_at', 'last_seen_at', 'observed_at', 'created_at',
    'updated_at', 'structure_synced_at', 'insights_synced_at']`;
  const rows = async (table: string, order: string) =>
    (
      (await sql.query(`SELECT to_jsonb(t) - ${drop} AS row FROM ${table} t ORDER BY ${order}`)) as { row: unknown }[]
    ).map((r) => r.row);
  return {
    insights: await rows('ad_insight_daily', 'ad_id, day'),
    objects: await rows('ad_object', 'id'),
    changes: await rows('ad_object_change', 'object_id, field, changed_at'),
    accounts: await rows('ad_account', 'id'),
  };
}

describe.each(databaseKinds)('a sync through 5xx, drops, hangs, rate limits and 100/1487534, on %s', (kind) => {
  let clean: Synced;
  let faulty: Synced;
  beforeAll(async () => {
    clean = await syncAll(kind, { maxSyncObjectDays: MAX_SYNC_OBJECT_DAYS });
    faulty = await syncAll(kind, FAULTY);
  });
  afterAll(async () => {
    for (const s of [clean, faulty]) {
      await s?.h.close();
      await s?.db.drop();
    }
  });

  it('met every fault it was meant to meet', () => {
    const calls = faulty.h.proxy.calls;
    const codes = new Set(calls.map((c) => c.code));
    // quarterly report runs with 1,500-row pages make few requests: at 10%, some 5xx
    expect(calls.filter((c) => (c.status ?? 0) >= 500).length).toBeGreaterThanOrEqual(1);
    // dropped connections and calls abandoned at the SDK's timeout never got an answer
    expect(calls.filter((c) => c.status === undefined).length).toBeGreaterThan(2);
    // the app's (17) and the account's (613) budgets: which runs out first depends on how fast the
    // machine makes the calls against the simulator's fast clock; on a busy machine only one may
    expect(codes.has(17) || codes.has(613), 'code 17 or 613').toBe(true);
    // the tiny insights budget is either hit (80000/80004) or seen coming in the usage headers, and the governor
    // pauses before Meta has to refuse: with few, large report runs the second is what happens
    const paced = [...faulty.h.app.get(MetaClientFactory).governor.waitedMs.values()].some((ms) => ms > 0);
    expect(codes.has(80000) || codes.has(80004) || paced, 'a business use case limit, met or avoided').toBe(true);
    expect(calls.filter((c) => c.code === 100 && c.subcode === 1487534).length).toBe(faulty.h.world.accounts.length);
  });

  it('succeeds every run and stores exactly what a clean run stores', async () => {
    for (const run of [...clean.runs, ...faulty.runs]) expect(run).toMatchObject({ status: 'succeeded', error: null });
    const expected = await dump(clean.h);
    const got = await dump(faulty.h);
    expect(expected.insights.length).toBeGreaterThan(300);
    expect(got.insights.length).toBe(expected.insights.length);
    expect(got).toEqual(expected);
  });

  it('counts the retries among the requests of each run', () => {
    const requests = (s: Synced) => s.runs.reduce((n, r) => n + (r?.requests ?? 0), 0);
    expect(requests(faulty)).toBeGreaterThan(requests(clean));
    expect(requests(faulty)).toBe(faulty.h.proxy.calls.length);
  });
});
