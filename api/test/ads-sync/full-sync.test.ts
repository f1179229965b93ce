import type { World } from '@ctm/meta-sim';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsSyncService } from '../../src/ads-sync/ads-sync.service.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const END = '2026-11-20';
const PULLED_AT = new Date('2026-11-21T06:00:00Z');
const SINCE = '2026-09-01';

/** Every ad-day of the world as Meta would report it on PULLED_AT, keyed by ad and day. */
function expectedRows(world: World) {
  const rows = new Map<string, Record<string, string | number>>();
  for (const account of world.accounts) {
    for (const r of world.insights({
      accountId: account.id,
      level: 'ad',
      since: SINCE,
      until: END,
      timeIncrement: 1,
      pulledAt: PULLED_AT,
    })) {
      const action = (type: string) => Number(r.actions?.find((a) => a.action_type === type)?.value ?? 0);
      rows.set(`${r.ad_id}|${r.date_start}`, {
        account: `act_${r.account_id.replace(/^act_/, '')}`,
        campaign: r.campaign_id,
        currency: r.account_currency,
        spend: Number(r.spend).toFixed(2),
        impressions: Number(r.impressions),
        reach: Number(r.reach),
        clicks: Number(r.clicks),
        started: action('onsite_conversion.messaging_conversation_started_7d'),
        blocks: action('onsite_conversion.messaging_block'),
        replies: action('onsite_conversion.messaging_first_reply'),
      });
    }
  }
  return rows;
}

describe.each(databaseKinds)('a full sync of the small world on %s', (kind) => {
  let db: TestDatabase;
  let h: SyncHarness;
  let sql: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    h = await startSyncHarness(db.url, { seed: 11, size: 'small', endDate: END }, { now: () => PULLED_AT.getTime() });
    sql = h.app.get<DataSource>(getDataSourceToken());
    const sync = h.app.get(AdsSyncService);
    const ws: { id: string }[] = await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    for (const account of h.world.accounts) {
      const run = await sync.enqueue(ws[0]!.id, account.id, 'backfill', { since: SINCE, until: END });
      const done = await sync.execute(run.id);
      expect(done).toMatchObject({ status: 'succeeded', error: null });
    }
  });
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  });

  it('stores every ad, every day, every figure as the world has them', async () => {
    const expected = expectedRows(h.world);
    const stored: Record<string, string | number>[] = await sql.query(
      `SELECT ad_id || '|' || to_char(day, 'YYYY-MM-DD') AS key, account_id AS account, campaign_id AS campaign,
         currency, spend::text AS spend, impressions::int, reach::int, clicks::int, conversations_started AS started,
         blocks, first_replies AS replies FROM ad_insight_daily`,
    );
    expect(stored.length).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(300);
    for (const { key, ...row } of stored) expect(row, String(key)).toEqual(expected.get(String(key)));
  });

  it('stores the account fields and the whole campaign tree, deleted and archived included', async () => {
    for (const account of h.world.accounts) {
      const [stored] = await sql.query(`SELECT name, currency, timezone_name FROM ad_account WHERE id = $1`, [
        account.id,
      ]);
      expect(stored).toEqual({ name: account.name, currency: account.currency, timezone_name: account.timezoneName });
      const objects: { id: string; name: string; status: string; level: string }[] = await sql.query(
        `SELECT id, name, status, level FROM ad_object WHERE account_id = $1`,
        [account.id],
      );
      const byId = new Map(objects.map((o) => [o.id, o]));
      const tree = [
        ...[...h.world.campaigns(account.id)].map((o) => ({ ...o, level: 'campaign' })),
        ...[...h.world.adsets(account.id)].map((o) => ({ ...o, level: 'adset' })),
        ...[...h.world.ads(account.id)].map((o) => ({ ...o, level: 'ad' })),
      ];
      expect(objects.length).toBe(tree.length);
      for (const o of tree)
        expect(byId.get(o.id)).toEqual({ id: o.id, name: o.name, status: o.status, level: o.level });
    }
  });

  it('records each run with its requests, rows and checkpoint', async () => {
    const runs: { status: string; requests: number; rows_written: number; done_until: string }[] = await sql.query(
      `SELECT status, requests, rows_written, to_char(done_until, 'YYYY-MM-DD') AS done_until FROM sync_run`,
    );
    expect(runs).toHaveLength(h.world.accounts.length);
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'succeeded', done_until: END });
      expect(run.requests).toBeGreaterThan(5);
    }
    const total = runs.reduce((n, r) => n + r.rows_written, 0);
    expect(total).toBe(expectedRows(h.world).size);
  });
});
