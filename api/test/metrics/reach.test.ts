import { createWorld, startGraphServer, type GraphServer, type World } from '@ctm/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsSyncService } from '../../src/ads-sync/ads-sync.service.js';
import { ReachService } from '../../src/ads-sync/reach.service.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const END = '2026-01-20';
const RANGE = { from: '2026-01-14', to: END };
const NOW = Date.parse(`${END}T23:00:00Z`);

type Reach = { value: number | null; frequency?: number | null; status: string };
type Campaigns = { rows: { id: string; reach: Reach }[] };
type Overview = { byCurrency: { currency: string; reach: Reach }[] };

describe.each(databaseKinds)("Meta's unique reach over a range, on %s", (kind) => {
  let db: TestDatabase;
  let world: World;
  let graph: GraphServer;
  let running: RunningApp;
  let account: World['accounts'][number];

  /** What Graph answers for the whole range (time_increment=all_days), straight from the simulated world. */
  const expected = (level: 'account' | 'campaign' | 'adset' | 'ad') =>
    new Map(
      [
        ...world.insights({
          accountId: account.id,
          level,
          since: RANGE.from,
          until: RANGE.to,
          timeIncrement: 'all_days',
          // what a pull at the simulator's clock sees (Meta restates the last 28 days)
          pulledAt: new Date(NOW),
        }),
      ].map((r) => [
        level === 'account'
          ? account.id
          : level === 'campaign'
            ? r.campaign_id
            : level === 'adset'
              ? r.adset_id
              : r.ad_id,
        { reach: Number(r.reach), impressions: Number(r.impressions) },
      ]),
    );
  const campaigns = async () => {
    const res = await running.api(`/api/campaigns?from=${RANGE.from}&to=${RANGE.to}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as Campaigns).rows;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    world = createWorld({ seed: 23, size: 'tiny', endDate: END });
    graph = await startGraphServer(world, { now: () => NOW });
    account = world.accounts[0]!;
    running = await startTestApp(db.url, {
      META_GRAPH_URL: graph.url,
      META_ACCESS_TOKEN: world.systemUserToken,
      META_AD_ACCOUNT_IDS: account.id,
    });
    const [{ id }] = await running.sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    const sync = running.app.get(AdsSyncService);
    const run = await sync.enqueue(id, account.id, 'backfill', { since: RANGE.from, until: RANGE.to });
    expect((await sync.execute(run.id))?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await running?.close();
    await graph?.close();
    await db?.drop();
  });

  it('is pending the first time a range is asked for, then Meta’s own figure for that range', async () => {
    const first = await campaigns();
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => r.reach.status === 'pending' && r.reach.value === null)).toBe(true);
    await running.app.get(ReachService).settle();

    const byCampaign = expected('campaign');
    const rows = await campaigns();
    for (const row of rows) {
      const want = byCampaign.get(row.id) ?? { reach: 0, impressions: 0 };
      expect(row.reach).toEqual({
        value: want.reach,
        frequency: want.reach > 0 ? want.impressions / want.reach : null,
        status: 'ready',
      });
    }
    const overview = (await (await running.api(`/api/overview?from=${RANGE.from}&to=${RANGE.to}`)).json()) as Overview;
    expect(overview.byCurrency.find((c) => c.currency === account.currency)?.reach).toEqual({
      value: expected('account').get(account.id)!.reach,
      status: 'ready',
    });
  });

  it('gives ad sets and ads their own reach from the same fetch, and asks Meta once per range', async () => {
    const requests = graph.requests;
    await campaigns();
    await running.app.get(ReachService).settle();
    expect(graph.requests).toBe(requests);
    for (const level of ['adset', 'ad'] as const) {
      const want = expected(level);
      const parent = level === 'adset' ? 'campaign' : 'adset';
      const ads = [...world.ads(account.id)];
      const parents = [...new Set(ads.map((a) => (level === 'adset' ? a.campaignId : a.adsetId)))];
      const path = level === 'adset' ? 'adsets' : 'ads';
      const res = await running.api(`/api/${path}?${parent}=${parents[0]}&from=${RANGE.from}&to=${RANGE.to}`);
      const rows = ((await res.json()) as Campaigns).rows;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows)
        expect(row.reach, `${level} ${row.id}`).toMatchObject({
          value: want.get(row.id)?.reach ?? 0,
          status: 'ready',
        });
    }
    // one campaign picked in the overview: that campaign's reach
    const [campaign] = await campaigns();
    const overview = (await (
      await running.api(`/api/overview?from=${RANGE.from}&to=${RANGE.to}&campaign=${campaign!.id}`)
    ).json()) as Overview;
    expect(overview.byCurrency.find((c) => c.currency === account.currency)?.reach).toEqual({
      value: campaign!.reach.value,
      status: 'ready',
    });
    expect(graph.requests).toBe(requests);
  });

  it('says unavailable where no connection can ask Meta, and asks nothing', async () => {
    const requests = graph.requests;
    await running.sql.query(
      `INSERT INTO ad_account (workspace_id, id, currency) SELECT id, 'act_999', 'JPY' FROM workspace WHERE slug = 'default'`,
    );
    const overview = (await (await running.api(`/api/overview?from=${RANGE.from}&to=${RANGE.to}`)).json()) as Overview;
    // act_999 has no spend, so no JPY row; its currency's reach would be unavailable
    expect(overview.byCurrency.map((c) => c.currency)).not.toContain('JPY');
    await running.app.get(ReachService).settle();
    expect(graph.requests).toBe(requests);
  });
});
