import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsSyncScheduler } from '../../src/ads-sync/ads-sync.scheduler.js';
import { AdsSyncService } from '../../src/ads-sync/ads-sync.service.js';
import type { SyncRun } from '../../src/ads-sync/sync-runs.repository.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const END = '2026-11-20';
const PULL = new Date('2026-11-22T12:00:00Z');
const FIRST = { since: '2026-10-07', until: '2026-10-20' };
const SECOND = { since: '2026-10-21', until: END };
/** Account A's token expires after its structure and part of its insights: mid-way through the second run. */
const CALLS_BEFORE_EXPIRY = 8;

describe.each(databaseKinds)('an access token Meta refuses (190) mid-way, on %s', (kind) => {
  let db: TestDatabase;
  let h: SyncHarness;
  let sql: DataSource;
  let a: string;
  let b: string;
  let runs: Record<string, SyncRun | undefined>;
  let storedBefore: unknown[];

  const rowsOf = async (accountId: string) =>
    (
      (await sql.query(
        `SELECT to_jsonb(t) - 'workspace_id' AS row FROM ad_insight_daily t WHERE account_id = $1 ORDER BY ad_id, day`,
        [accountId],
      )) as { row: Record<string, unknown> }[]
    ).map((r) => r.row);
  const worldRows = (accountId: string, since: string, until: string) =>
    new Map(
      [...h.world.insights({ accountId, level: 'ad', since, until, timeIncrement: 1, pulledAt: PULL })].map((r) => [
        `${r.ad_id}|${r.date_start}`,
        {
          spend: Number(r.spend),
          impressions: Number(r.impressions),
          clicks: Number(r.clicks),
          actions: r.actions ?? [],
        },
      ]),
    );
  const figures = (row: Record<string, unknown>) => ({
    spend: Number(row['spend']),
    impressions: Number(row['impressions']),
    clicks: Number(row['clicks']),
    actions: row['actions'],
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    h = await startSyncHarness(db.url, { seed: 11, size: 'small', endDate: END }, { now: () => PULL.getTime() });
    sql = h.app.get<DataSource>(getDataSourceToken());
    [a, b] = h.world.accounts.map((x) => x.id) as [string, string];
    const sync = h.app.get(AdsSyncService);
    const [ws] = (await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`)) as { id: string }[];
    for (const account of [a, b]) {
      const run = await sync.enqueue(ws!.id, account, 'backfill', FIRST);
      expect(await sync.execute(run.id)).toMatchObject({ status: 'succeeded' });
    }
    storedBefore = await rowsOf(a);
    h.proxy.expireAfter(
      h.tokens[a]!,
      h.proxy.calls.filter((c) => c.token === h.tokens[a]).length + CALLS_BEFORE_EXPIRY,
    );
    const queued = await Promise.all([a, b].map((account) => sync.enqueue(ws!.id, account, 'backfill', SECOND)));
    const done = await Promise.all(queued.map((run) => sync.execute(run.id)));
    runs = { [a]: done[0], [b]: done[1] };
  });
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  });

  it('fails the run with a sentence that says what to do, and marks the connection token_invalid', async () => {
    expect(runs[a]).toMatchObject({ status: 'failed' });
    expect(runs[a]!.error).toMatch(/^Meta refused the access token \(code 190\/463: .*\)\. Reconnect the ad account/);
    expect(runs[a]!.error).not.toContain(h.tokens[a]);
    const [account] = await sql.query(`SELECT connection_status, connection_error FROM ad_account WHERE id = $1`, [a]);
    expect(account).toEqual({ connection_status: 'token_invalid', connection_error: runs[a]!.error });
  });

  it('leaves the rows stored before untouched, and stores no partial day', async () => {
    const after = await rowsOf(a);
    const firstRange = after.filter((r) => String(r['day']) <= FIRST.until);
    expect(firstRange).toEqual(storedBefore);
    expect(storedBefore.length).toBeGreaterThan(50);
    // the days of the failed run that did arrive are whole and right; the checkpoint claims no missing day
    const expected = worldRows(a, SECOND.since, SECOND.until);
    const doneUntil = runs[a]!.doneUntil;
    for (const row of after.filter((r) => String(r['day']) >= SECOND.since)) {
      const key = `${String(row['ad_id'])}|${String(row['day'])}`;
      expect(figures(row), key).toEqual(expected.get(key));
    }
    if (doneUntil) {
      const keys = new Set(after.map((r) => `${String(r['ad_id'])}|${String(r['day'])}`));
      for (const key of expected.keys()) if (key.split('|')[1]! <= doneUntil) expect(keys.has(key), key).toBe(true);
    }
  });

  it('never retries the refused token', () => {
    const mine = h.proxy.calls.filter((c) => c.token === h.tokens[a]);
    const refused = mine.filter((c) => c.code === 190);
    expect(refused.length).toBeGreaterThan(0);
    // calls already on their way when the first refusal came back may be refused too (one per parallel chunk);
    // none starts later (the margin covers the answer's way from the proxy to the app)
    expect(refused.length).toBeLessThanOrEqual(4);
    const firstRefusal = Math.min(...refused.map((c) => c.endedAt!));
    expect(mine.filter((c) => c.startedAt > firstRefusal + 100)).toEqual([]);
  });

  it('keeps syncing the other account, whose token is valid', async () => {
    expect(runs[b]).toMatchObject({ status: 'succeeded', error: null, doneUntil: END });
    const expected = worldRows(b, FIRST.since, END);
    const stored = await rowsOf(b);
    expect(stored.length).toBe(expected.size);
    for (const row of stored) {
      const key = `${String(row['ad_id'])}|${String(row['day'])}`;
      expect(figures(row), key).toEqual(expected.get(key));
    }
    const [account] = await sql.query(`SELECT connection_status FROM ad_account WHERE id = $1`, [b]);
    expect(account).toEqual({ connection_status: 'ok' });
  });

  it('stops syncing the account with the refused token until it is reconnected', async () => {
    const before = h.proxy.calls.length;
    await h.app.get(AdsSyncScheduler).runAll('hourly');
    const later = h.proxy.calls.slice(before);
    expect(later.filter((c) => c.token === h.tokens[a])).toEqual([]);
    expect(later.filter((c) => c.token === h.tokens[b]).length).toBeGreaterThan(0);
    const [account] = await sql.query(`SELECT connection_status FROM ad_account WHERE id = $1`, [a]);
    expect(account).toEqual({ connection_status: 'token_invalid' });
    const [hourly] = await sql.query(`SELECT status, error FROM sync_run WHERE account_id = $1 AND kind = 'hourly'`, [
      a,
    ]);
    expect(hourly).toMatchObject({ status: 'failed', error: expect.stringMatching(/reconnect the account/) });
  });
});
