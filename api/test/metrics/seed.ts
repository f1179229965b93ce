import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { processAllWebhooks, type RunningApp } from '../support/test-app.js';

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

/**
 * The figures the metrics tests read: two ad accounts (act_1 in EUR, act_2 in USD) with one
 * campaign, ad set and ad each (c_ad1/s_ad1/ad1, c_ad2/s_ad2/ad2) and daily insights
 * (EUR 10 on 2026-11-01, 20 on 11-02, 15 on 10-30; USD 30 on 11-02), as an ads sync stores them;
 * then, through signed webhooks, new contacts from ad1 (11-01, 11-02, 10-31), from ad2 (11-02) and
 * an organic one (11-02), and an order of EUR 45 reported for the first.
 */
export async function seedTwoCurrencies(running: RunningApp, page: string, secret: string): Promise<void> {
  const PAGE = page;
  const SECRET = secret;
  let n = 0;
  const arrival = (time: number, referral?: Record<string, unknown>) => {
    const psid = String(7312345600002000 + n++);
    const who = { sender: { id: psid }, recipient: { id: PAGE }, timestamp: time };
    return { psid, item: { ...who, message: { mid: `m_${psid}`, text: 'Hi', ...(referral ? { referral } : {}) } } };
  };
  const { sql } = running;
  const [{ workspace_id: ws }] = await sql.query(`SELECT workspace_id FROM messenger_page WHERE page_id = $1`, [PAGE]);
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
}
