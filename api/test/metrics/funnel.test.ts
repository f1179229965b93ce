import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'funnel-secret';
const PAGE = '104857600000013';
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

type Funnel = {
  rows: { key: string; stages: Record<string, number | null>; stepRates: Record<string, number | null> }[];
  message?: string;
};

describe.each(databaseKinds)('GET /api/funnel on %s', (kind) => {
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
    const res = await running.api(`/api/funnel?${query}`);
    return { status: res.status, body: (await res.json()) as Funnel };
  };

  it('runs from clicks to conversions per source, with the rate of each step', async () => {
    const { body } = await get('from=2026-11-01&to=2026-11-02');
    const ads = body.rows.find((r) => r.key === 'ADS')!;
    expect(ads.stages).toEqual({ clicks: 70, conversationsStarted: 6, newContacts: 3, replied: 0, converted: 1 });
    expect(ads.stepRates).toMatchObject({ clicks: null, conversationsStarted: 6 / 70, newContacts: 0.5, replied: 0 });
    const organic = body.rows.find((r) => r.key === 'ORGANIC')!;
    expect(organic.stages).toEqual({
      clicks: null,
      conversationsStarted: null,
      newContacts: 1,
      replied: 0,
      converted: 0,
    });
    expect(organic.stepRates.newContacts).toBeNull();
  });

  it('per campaign', async () => {
    const { body } = await get('from=2026-11-01&to=2026-11-02&by=campaign');
    expect(body.rows.map((r) => [r.key, r.stages['clicks'], r.stages['newContacts']])).toEqual([
      ['c_ad1', 60, 2],
      ['c_ad2', 10, 1],
    ]);
  });

  it.each([
    ['to=2026-11-02', /^from: is required/],
    ['from=2026-11-01&to=2026-11-02&by=ad', /^by: must be source or campaign/],
  ])('refuses %s with 400 and a sentence naming the parameter', async (query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });
});
