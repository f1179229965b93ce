import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'timeseries-secret';
const PAGE = '104857600000012';
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

type Series = { group: string | null; currency: string | null; points: { period: string; value: number | null }[] };
type Timeseries = { periods: string[]; series: Series[]; message?: string };

describe.each(databaseKinds)('GET /api/timeseries on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let n = 0;

  const arrival = (time: number, referral?: Record<string, unknown>) => {
    const psid = String(7312345600002000 + n++);
    const who = { sender: { id: psid }, recipient: { id: PAGE }, timestamp: time };
    return { psid, item: { ...who, message: { mid: `m_${psid}`, text: 'Hi', ...(referral ? { referral } : {}) } } };
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    const { sql } = running;
    const [{ workspace_id: ws }] = await sql.query(`SELECT workspace_id FROM messenger_page WHERE page_id = $1`, [
      PAGE,
    ]);
    // what an ads sync stores: two accounts in two currencies, one ad each, daily insights
    for (const [account, currency, ad] of [
      ['act_1', 'EUR', 'ad1'],
      ['act_2', 'USD', 'ad2'],
    ] as const) {
      await sql.query(`INSERT INTO ad_account (workspace_id, id, currency, timezone_name) VALUES ($1, $2, $3, 'UTC')`, [
        ws,
        account,
        currency,
      ]);
      for (const [id, level] of [
        [`c_${ad}`, 'campaign'],
        [`s_${ad}`, 'adset'],
        [ad, 'ad'],
      ] as const)
        await sql.query(
          `INSERT INTO ad_object (workspace_id, id, account_id, level, campaign_id, adset_id, name) VALUES ($1, $2, $3, $4, $5, $6, $2)`,
          [ws, id, account, level, `c_${ad}`, level === 'ad' ? `s_${ad}` : null],
        );
    }
    const insight = `INSERT INTO ad_insight_daily (workspace_id, ad_id, day, account_id, campaign_id, adset_id, currency,
      spend, impressions, clicks, conversations_started) VALUES ($1, $2, $3, $4, 'c_' || $2, 's_' || $2, $5, $6, $7, $8, $9)`;
    await sql.query(insight, [ws, 'ad1', '2026-11-01', 'act_1', 'EUR', 10, 1000, 20, 3]);
    await sql.query(insight, [ws, 'ad1', '2026-11-02', 'act_1', 'EUR', 20, 3000, 40, 2]);
    await sql.query(insight, [ws, 'ad2', '2026-11-02', 'act_2', 'USD', 30, 2000, 10, 1]);
    await sql.query(insight, [ws, 'ad1', '2026-10-30', 'act_1', 'EUR', 15, 1500, 15, 1]);

    const fromAd1 = arrival(at('2026-11-01'), { ad_id: 'ad1', source: 'ADS', type: 'OPEN_THREAD' });
    const people = [
      fromAd1,
      arrival(at('2026-11-02'), { ad_id: 'ad1', source: 'ADS', type: 'OPEN_THREAD' }),
      arrival(at('2026-11-02'), { ad_id: 'ad2', source: 'ADS', type: 'OPEN_THREAD' }),
      arrival(at('2026-11-02')),
      arrival(at('2026-10-31'), { ad_id: 'ad1', source: 'ADS', type: 'OPEN_THREAD' }),
    ];
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: PAGE, time: Date.now(), messaging: people.map((p) => p.item) }],
    });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${running.baseUrl}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(res.status).toBe(200);
    await processAllWebhooks(running);
    const order = await running.api('/api/conversions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        page: PAGE,
        psid: fromAd1.psid,
        event: 'order',
        value: 45,
        currency: 'EUR',
        time: new Date(at('2026-11-02')).toISOString(),
        idempotencyKey: 'o-1',
      }),
    });
    expect(order.status).toBe(201);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  const get = async (query: string) => {
    const res = await running.api(`/api/timeseries?${query}`);
    return { status: res.status, body: (await res.json()) as Timeseries };
  };
  const values = (s: Series | undefined) => s?.points.map((p) => p.value);
  const DAYS = 'from=2026-11-01&to=2026-11-02';

  it('gives a metric per day, and a series per group', async () => {
    const total = (await get(`metric=newContacts&${DAYS}`)).body;
    expect(total.periods).toEqual(['2026-11-01', '2026-11-02']);
    expect(total.series).toEqual([
      {
        group: null,
        currency: null,
        points: [
          { period: '2026-11-01', value: 1 },
          { period: '2026-11-02', value: 3 },
        ],
      },
    ]);
    const bySource = (await get(`metric=newContacts&groupBy=source&${DAYS}`)).body.series;
    expect(bySource.map((s) => [s.group, values(s)])).toEqual([
      ['ADS', [1, 2]],
      ['ORGANIC', [0, 1]],
    ]);
  });

  it('keeps money per currency, and ratios are taken per period', async () => {
    const spend = (await get(`metric=spend&groupBy=campaign&${DAYS}`)).body.series;
    expect(spend.map((s) => [s.group, s.currency, values(s)])).toEqual([
      ['c_ad1', 'EUR', [10, 20]],
      ['c_ad2', 'USD', [0, 30]],
    ]);
    const cost = (await get(`metric=costPerNewContact&${DAYS}`)).body.series;
    expect(cost.map((s) => [s.currency, values(s)])).toEqual([
      ['EUR', [10, 20]],
      ['USD', [null, 30]],
    ]);
    const rate = (await get(`metric=conversionRate&${DAYS}`)).body.series;
    expect(values(rate[0])).toEqual([1, 0]);
  });

  it('sums by week (from Monday) and by month', async () => {
    const weeks = (await get(`metric=newContacts&interval=week&from=2026-10-30&to=2026-11-02`)).body;
    expect(weeks.periods).toEqual(['2026-10-26', '2026-11-02']);
    expect(values(weeks.series[0])).toEqual([2, 3]);
    const months = (await get(`metric=spend&interval=month&from=2026-10-30&to=2026-11-02`)).body;
    expect(months.series.map((s) => [s.currency, values(s)])).toEqual([
      ['EUR', [15, 30]],
      ['USD', [0, 30]],
    ]);
  });

  it.each([
    [DAYS, /^metric: is required/],
    [`metric=bounceRate&${DAYS}`, /^metric: must be the id of a metric/],
    [`metric=spend&interval=hour&${DAYS}`, /^interval: must be day, week or month/],
    [`metric=spend&groupBy=ref&${DAYS}`, /^groupBy: spend cannot be grouped by ref/],
    [`metric=newContacts&groupBy=planet&${DAYS}`, /^groupBy: must be campaign, ad, ref or source/],
    ['metric=spend&from=2026-11-02&to=2026-11-01', /^from: is after to/],
  ])('refuses %s with 400 and a sentence naming the parameter', async (query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });
});
