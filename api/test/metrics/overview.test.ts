import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'overview-secret';
const PAGE = '104857600000008';
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

type Figure = { value: number | null; previous: number | null; change: number | null };
type Overview = {
  timeZones: { messenger: string };
  observed: Record<string, Figure>;
  byCurrency: { currency: string; metrics: Record<string, Figure> }[];
  series: { day: string; newContacts: number; conversions: number; spend: Record<string, number> }[];
};

describe.each(databaseKinds)('GET /api/overview on %s', (kind) => {
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
    const res = await running.api(`/api/overview?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Overview;
  };

  it('gives observed figures once, and money per currency, never summed across currencies', async () => {
    const o = await get('from=2026-11-01&to=2026-11-02');
    expect(o.timeZones.messenger).toBe('UTC');
    expect(o.observed['newContacts']?.value).toBe(4);
    expect(o.observed['conversions']?.value).toBe(1);
    expect(o.observed['conversionRate']?.value).toBe(1 / 4);
    expect(o.byCurrency.map((c) => c.currency)).toEqual(['EUR', 'USD']);
    const eur = o.byCurrency[0]!.metrics;
    expect(eur['spend']?.value).toBe(30);
    expect(eur['ctr']?.value).toBeCloseTo(60 / 4000);
    expect(eur['cpm']?.value).toBeCloseTo((30 / 4000) * 1000);
    expect(eur['costPerConversationStarted']?.value).toBe(6);
    expect(eur['costPerNewContact']?.value).toBe(15); // two new contacts from EUR ads
    expect(eur['revenue']?.value).toBe(45);
    expect(eur['roas']?.value).toBe(1.5);
    const usd = o.byCurrency[1]!.metrics;
    expect(usd['spend']?.value).toBe(30);
    expect(usd['costPerNewContact']?.value).toBe(30);
    expect(usd['roas']?.value).toBe(0);
    expect(o.series).toEqual([
      { day: '2026-11-01', newContacts: 1, conversions: 0, spend: { EUR: 10 } },
      { day: '2026-11-02', newContacts: 3, conversions: 1, spend: { EUR: 20, USD: 30 } },
    ]);
  });

  it('compares with the previous period', async () => {
    const o = await get('from=2026-11-01&to=2026-11-02&compare=previous');
    expect(o.observed['newContacts']).toMatchObject({ value: 4, previous: 1, change: 3 });
    const eur = o.byCurrency.find((c) => c.currency === 'EUR')!.metrics;
    expect(eur['spend']).toMatchObject({ value: 30, previous: 15, change: 15 });
    expect(eur['costPerNewContact']).toMatchObject({ value: 15, previous: 15 });
    const usd = o.byCurrency.find((c) => c.currency === 'USD')!.metrics;
    expect(usd['spend']).toMatchObject({ value: 30, previous: 0 });
  });

  it('filters observed figures by source', async () => {
    const o = await get('from=2026-11-01&to=2026-11-02&source=ORGANIC');
    expect(o.observed['newContacts']?.value).toBe(1);
  });
});
