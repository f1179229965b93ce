import type { RollupRow } from '@ctm/metrics';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { AdsRepository } from '../../src/ads-sync/ads.repository.js';
import type { InsightRow } from '../../src/ads-sync/insight-row.js';
import { MessengerRepository } from '../../src/messenger/messenger.repository.js';
import { weekSplit } from '../../src/metrics/filter-sql.js';
import { createTestDatabase, databaseKinds, testDataSource, type TestDatabase } from '../support/test-database.js';

const COUNTS = `sum(new_contacts)::int AS n, sum(replied_new_contacts)::int AS r, sum(converted_new_contacts)::int AS c,
  sum(unreachable_new_contacts)::int AS u, sum(reengaged_contacts)::int AS e, sum(conversions)::int AS v,
  sum(revenue)::text AS revenue`;
const NONZERO = `HAVING (sum(new_contacts), sum(replied_new_contacts), sum(converted_new_contacts),
  sum(unreachable_new_contacts), sum(reengaged_contacts), sum(conversions), sum(revenue)) <> (0, 0, 0, 0, 0, 0, 0)`;
const DELIVERY = `sum(spend)::text AS spend, sum(impressions)::int AS i, sum(clicks)::int AS k,
  sum(conversations_started)::int AS s, sum(first_replies)::int AS f, sum(total_connections)::int AS t, sum(blocks)::int AS b`;
const DELIVERY_NONZERO = `HAVING (sum(spend), sum(impressions), sum(clicks), sum(conversations_started),
  sum(first_replies), sum(total_connections), sum(blocks)) <> (0, 0, 0, 0, 0, 0, 0)`;

/** Each coarse rollup as read, and as the sum of its source: they must be equal. */
const PAIRS: [string, string, string][] = [
  [
    'observed by ref',
    `SELECT workspace_id, day::text AS period, page_id, source, ref, currency, ${COUNTS} FROM observed_daily_ref
     GROUP BY 1, 2, 3, 4, 5, 6 ${NONZERO} ORDER BY 1, 2, 3, 4, 5, 6`,
    `SELECT workspace_id, day::text AS period, page_id, source, ref, currency, ${COUNTS} FROM observed_daily
     GROUP BY 1, 2, 3, 4, 5, 6 ${NONZERO} ORDER BY 1, 2, 3, 4, 5, 6`,
  ],
  [
    'observed ad arrivals by week',
    `SELECT workspace_id, week::text AS period, page_id, source, ad_id, currency, ${COUNTS} FROM observed_weekly_ad
     GROUP BY 1, 2, 3, 4, 5, 6 ${NONZERO} ORDER BY 1, 2, 3, 4, 5, 6`,
    `SELECT workspace_id, date_trunc('week', day)::date::text AS period, page_id, source, ad_id, currency, ${COUNTS}
     FROM observed_daily WHERE ad_id <> '' OR source = 'ADS' GROUP BY 1, 2, 3, 4, 5, 6 ${NONZERO} ORDER BY 1, 2, 3, 4, 5, 6`,
  ],
  [
    'delivery by campaign',
    `SELECT workspace_id, day::text AS period, campaign_id, currency, ${DELIVERY} FROM ad_insight_campaign_daily
     GROUP BY 1, 2, 3, 4 ${DELIVERY_NONZERO} ORDER BY 1, 2, 3, 4`,
    `SELECT workspace_id, day::text AS period, campaign_id, currency, ${DELIVERY} FROM ad_insight_daily
     GROUP BY 1, 2, 3, 4 ${DELIVERY_NONZERO} ORDER BY 1, 2, 3, 4`,
  ],
];

const row = (day: string, adId: string, counts: Partial<RollupRow>): RollupRow => ({
  day,
  pageId: '1001',
  source: adId ? 'ADS' : 'SHORTLINK',
  adId,
  ref: adId ? '' : 'spring',
  currency: '',
  newContacts: 0,
  repliedNewContacts: 0,
  convertedNewContacts: 0,
  unreachableNewContacts: 0,
  reengagedContacts: 0,
  conversions: 0,
  revenue: 0,
  ...counts,
});

const insight = (adId: string, day: string, campaignId: string, currency: string, spend: number): InsightRow => ({
  adId,
  day,
  accountId: 'act_1',
  campaignId,
  adsetId: `s_${campaignId}`,
  currency,
  spend: spend.toFixed(2),
  impressions: spend * 100,
  reach: spend * 80,
  clicks: spend * 2,
  linkClicks: spend,
  conversationsStarted: 1,
  firstReplies: 1,
  totalConnections: 2,
  blocks: 0,
  depth2: 0,
  depth3: 0,
  depth5: 0,
  replied7d: 0,
  actions: [],
  costPerActionType: [],
});

describe('weekSplit: a range as whole weeks and the days either side', () => {
  // [first week's Monday, last week's Monday, days before: from, to, days after: from, to]
  test.each<[string, string, string[]]>([
    ['2025-06-02', '2025-06-15', ['2025-06-02', '2025-06-09', '2025-06-02', '2025-06-01', '2025-06-16', '2025-06-15']],
    ['2025-04-02', '2025-06-30', ['2025-04-07', '2025-06-23', '2025-04-02', '2025-04-06', '2025-06-30', '2025-06-30']],
    ['2025-06-01', '2025-06-08', ['2025-06-02', '2025-06-02', '2025-06-01', '2025-06-01', '2025-06-09', '2025-06-08']],
    ['2025-06-03', '2025-06-08', ['2025-06-09', '2025-06-08', '2025-06-03', '2025-06-08', '2025-06-03', '2025-06-08']],
    ['2025-06-04', '2025-06-04', ['2025-06-05', '2025-06-04', '2025-06-04', '2025-06-04', '2025-06-04', '2025-06-04']],
  ])('%s to %s', (from, to, expected) => {
    expect(weekSplit({ from, to })).toEqual(expected);
  });
});

describe.each(databaseKinds)('coarse rollups on %s', (kind) => {
  let db: TestDatabase;
  let sql: DataSource;
  let ws: string;
  let other: string;
  const expectEqual = async () => {
    for (const [what, coarse, source] of PAIRS)
      expect({ what, rows: await sql.query(coarse) }).toEqual({ what, rows: await sql.query(source) });
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    sql = testDataSource(db.url, true);
    await sql.initialize();
    [{ id: ws }] = await sql.query(`INSERT INTO workspace (slug, name) VALUES ('shop', 'Shop') RETURNING id`);
    [{ id: other }] = await sql.query(`INSERT INTO workspace (slug, name) VALUES ('other', 'Other') RETURNING id`);
    await sql.query(
      `INSERT INTO ad_account (workspace_id, id, currency) VALUES ($1, 'act_1', 'EUR'), ($2, 'act_1', 'USD')`,
      [ws, other],
    );
  });
  afterAll(async () => {
    await sql?.destroy();
    await db?.drop();
  });

  it('stay the sums of the daily rollups through deltas, removals and a rebuild-style delete', async () => {
    const messenger = new MessengerRepository();
    const m = sql.manager;
    await messenger.addToRollup(m, ws, [
      row('2025-06-02', 'ad1', { newContacts: 3, repliedNewContacts: 2 }),
      row('2025-06-08', 'ad1', { newContacts: 1, conversions: 1, revenue: 12.5, currency: 'EUR' }),
      row('2025-06-09', 'ad2', { newContacts: 2, unreachableNewContacts: 1 }),
      row('2025-06-09', '', { newContacts: 4, reengagedContacts: 1 }),
    ]);
    await messenger.addToRollup(m, other, [row('2025-06-09', 'ad1', { newContacts: 5 })]);
    await expectEqual();
    // a contact changes: its old rows are taken away and new ones added (same week, other day)
    await messenger.addToRollup(m, ws, [
      row('2025-06-02', 'ad1', { newContacts: -1, repliedNewContacts: -1 }),
      row('2025-06-03', 'ad1', { newContacts: 1 }),
      row('2025-06-09', '', { newContacts: 1, convertedNewContacts: 1 }),
    ]);
    await expectEqual();
    const [week] = await sql.query(
      `SELECT new_contacts FROM observed_weekly_ad WHERE workspace_id = $1 AND week = '2025-06-02' AND ad_id = 'ad1' AND currency = ''`,
      [ws],
    );
    expect(week.new_contacts).toBe(3);
    await sql.query(`DELETE FROM observed_daily WHERE workspace_id = $1 AND day = '2025-06-09'`, [ws]);
    await expectEqual();
  });

  it('stay the sums of the insights through a restated pull and an ad moved to another campaign', async () => {
    const ads = new AdsRepository(sql);
    await ads.upsertInsights(ws, [
      insight('ad1', '2025-06-01', 'c1', 'EUR', 10),
      insight('ad2', '2025-06-01', 'c1', 'EUR', 5),
      insight('ad1', '2025-06-02', 'c1', 'EUR', 7),
    ]);
    await ads.upsertInsights(other, [insight('ad1', '2025-06-01', 'c9', 'USD', 3)]);
    await expectEqual();
    await ads.upsertInsights(ws, [
      insight('ad1', '2025-06-01', 'c1', 'EUR', 12),
      insight('ad2', '2025-06-01', 'c2', 'EUR', 5),
    ]);
    await expectEqual();
    const [c1] = await sql.query(
      `SELECT spend::text FROM ad_insight_campaign_daily WHERE workspace_id = $1 AND day = '2025-06-01' AND campaign_id = 'c1'`,
      [ws],
    );
    expect(c1.spend).toBe('12.00');
  });

  it('go with their workspace', async () => {
    await sql.query(`DELETE FROM workspace WHERE id = $1`, [other]);
    await expectEqual();
    for (const table of ['observed_daily_ref', 'observed_weekly_ad', 'ad_insight_campaign_daily'])
      expect(await sql.query(`SELECT 1 FROM ${table} WHERE workspace_id = $1`, [other])).toEqual([]);
  });
});
