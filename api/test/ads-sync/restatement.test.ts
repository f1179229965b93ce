import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsSyncService } from '../../src/ads-sync/ads-sync.service.js';
import { shiftDay, todayIn } from '../../src/ads-sync/sync-plan.js';
import { rangeOf } from '../support/graph-proxy.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const END = '2026-11-20';
const SINCE = '2026-10-07';
/** The backfill pulls while the world still runs; the daily run pulls six days later. */
const FIRST_PULL = new Date('2026-11-14T12:00:00Z');
const SECOND_PULL = new Date('2026-11-20T12:00:00Z');

type Figures = { spend: string; impressions: number; reach: number; clicks: number; started: number; blocks: number };
const FIGURES = `spend::text AS spend, impressions::int, reach::int, clicks::int, conversations_started AS started,
  blocks`;

describe.each(databaseKinds)('a daily run after Meta restated the last 28 days, on %s', (kind) => {
  let db: TestDatabase;
  let h: SyncHarness;
  let sql: DataSource;
  let now = FIRST_PULL.getTime();
  const before = new Map<string, Figures>();
  let callsBefore = 0;

  const stored = async (accountId: string) => {
    const rows: (Figures & { key: string })[] = await sql.query(
      `SELECT ad_id || '|' || to_char(day, 'YYYY-MM-DD') AS key, ${FIGURES} FROM ad_insight_daily
       WHERE account_id = $1`,
      [accountId],
    );
    return new Map(rows.map(({ key, ...f }) => [key, f]));
  };
  const world = (accountId: string, since: string, until: string, pulledAt: Date) => {
    const rows = new Map<string, Figures>();
    for (const r of h.world.insights({ accountId, level: 'ad', since, until, timeIncrement: 1, pulledAt })) {
      const action = (t: string) => Number(r.actions?.find((a) => a.action_type === t)?.value ?? 0);
      rows.set(`${r.ad_id}|${r.date_start}`, {
        spend: Number(r.spend).toFixed(2),
        impressions: Number(r.impressions),
        reach: Number(r.reach),
        clicks: Number(r.clicks),
        started: action('onsite_conversion.messaging_conversation_started_7d'),
        blocks: action('onsite_conversion.messaging_block'),
      });
    }
    return rows;
  };
  /** The first day the daily run re-pulls, in the account's time zone. */
  const windowStart = (accountId: string) => {
    const tz = h.world.accounts.find((a) => a.id === accountId)!.timezoneName;
    return shiftDay(todayIn(tz, SECOND_PULL.getTime()), -27);
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    h = await startSyncHarness(
      db.url,
      { seed: 11, size: 'small', endDate: END },
      { now: () => now },
      { now: () => now },
    );
    sql = h.app.get<DataSource>(getDataSourceToken());
    const sync = h.app.get(AdsSyncService);
    const [ws] = (await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`)) as { id: string }[];
    for (const account of h.world.accounts) {
      const run = await sync.enqueue(ws!.id, account.id, 'backfill', { since: SINCE, until: '2026-11-14' });
      expect(await sync.execute(run.id)).toMatchObject({ status: 'succeeded' });
      for (const [k, f] of await stored(account.id)) before.set(k, f);
    }
    callsBefore = h.proxy.calls.length;
    now = SECOND_PULL.getTime();
    for (const account of h.world.accounts) {
      const run = await sync.enqueue(ws!.id, account.id, 'daily');
      expect(await sync.execute(run.id)).toMatchObject({
        status: 'succeeded',
        until: todayIn(account.timezoneName, now),
      });
    }
  });
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  });

  it('replaces every day of the last 28 with the figures Meta reports now', async () => {
    let changed = 0;
    for (const account of h.world.accounts) {
      const expected = world(account.id, windowStart(account.id), END, SECOND_PULL);
      const rows = await stored(account.id);
      expect(expected.size).toBeGreaterThan(100);
      for (const [key, figures] of expected) {
        expect(rows.get(key), key).toEqual(figures);
        if (before.has(key) && JSON.stringify(before.get(key)) !== JSON.stringify(figures)) changed++;
      }
    }
    // the test means something only if Meta did restate days already stored
    expect(changed).toBeGreaterThan(20);
  });

  it('leaves the frozen days as they were stored, and never asks Meta for them again', async () => {
    let frozen = 0;
    for (const account of h.world.accounts) {
      const start = windowStart(account.id);
      for (const [key, figures] of await stored(account.id)) {
        if (key.split('|')[1]! >= start) continue;
        frozen++;
        expect(figures, key).toEqual(before.get(key));
      }
    }
    expect(frozen).toBeGreaterThan(100);
    // every insights request of the daily run names its range: none reaches before the window
    const daily = h.proxy.calls.slice(callsBefore).filter((c) => rangeOf(c));
    expect(daily.length).toBeGreaterThanOrEqual(h.world.accounts.length);
    for (const call of daily) {
      const account = call.path.split('/')[0]!;
      expect(rangeOf(call)!.since >= windowStart(account), `${call.path} ${rangeOf(call)!.since}`).toBe(true);
    }
  });
});
