import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHeaders, processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'campaigns-secret';
const PAGE = '104857600000009';
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

type Figure = { value: number | null; previous: number | null; change: number | null };
type Rows = {
  rows: {
    id: string;
    name: string | null;
    currency: string | null;
    metrics: Record<string, Figure>;
    significance: { conversionRate: { pValue: number } | null } | null;
  }[];
  message?: string;
};
type Overview = {
  observed: Record<string, Figure>;
  byCurrency: { currency: string; metrics: Record<string, Figure> }[];
};

describe.each(databaseKinds)('GET /api/campaigns, /api/adsets and /api/ads on %s', (kind) => {
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

  const get = async (path: string, headers = running.authHeaders) => {
    const res = await fetch(`${running.baseUrl}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as Rows };
  };

  it('gives a row per campaign, each in its account’s currency, sorted by spend', async () => {
    const { status, body } = await get('/api/campaigns?from=2026-11-01&to=2026-11-02');
    expect(status).toBe(200);
    expect(body.rows.map((r) => [r.id, r.name, r.currency])).toEqual([
      ['c_ad1', 'c_ad1', 'EUR'],
      ['c_ad2', 'c_ad2', 'USD'],
    ]);
    const [eur, usd] = body.rows;
    expect(eur!.metrics['spend']?.value).toBe(30);
    expect(eur!.metrics['newContacts']?.value).toBe(2);
    expect(eur!.metrics['costPerNewContact']?.value).toBe(15);
    expect(eur!.metrics['conversionRate']?.value).toBe(0.5);
    expect(eur!.metrics['roas']?.value).toBe(1.5);
    expect(usd!.metrics['newContacts']?.value).toBe(1);
    expect(usd!.metrics['roas']?.value).toBe(0);
    expect(eur!.significance).toBeNull();
  });

  it('adds up to the overview: spend per currency and new contacts from ads', async () => {
    const campaigns = (await get('/api/campaigns?from=2026-11-01&to=2026-11-02')).body.rows;
    const overview = (await (
      await running.api('/api/overview?from=2026-11-01&to=2026-11-02&source=ADS')
    ).json()) as Overview;
    expect(campaigns.reduce((n, r) => n + (r.metrics['newContacts']?.value ?? 0), 0)).toBe(
      overview.observed['newContacts']?.value,
    );
    for (const c of overview.byCurrency)
      expect(
        campaigns.filter((r) => r.currency === c.currency).reduce((n, r) => n + (r.metrics['spend']?.value ?? 0), 0),
      ).toBe(c.metrics['spend']?.value);
  });

  it('drills down to ad sets and ads, and compares with a test of the rates', async () => {
    const adsets = await get('/api/adsets?campaign=c_ad1&from=2026-11-01&to=2026-11-02&compare=previous');
    expect(adsets.body.rows.map((r) => r.id)).toEqual(['s_ad1']);
    expect(adsets.body.rows[0]!.metrics['spend']).toMatchObject({ value: 30, previous: 15, change: 15 });
    expect(adsets.body.rows[0]!.significance?.conversionRate?.pValue).toBeGreaterThan(0.05);
    const ads = await get('/api/ads?adset=s_ad1&from=2026-11-01&to=2026-11-02&sort=newContacts&order=asc');
    expect(ads.body.rows.map((r) => [r.id, r.metrics['newContacts']?.value])).toEqual([['ad1', 2]]);
  });

  it('refuses a missing or foreign parent', async () => {
    const missing = await get('/api/adsets?from=2026-11-01&to=2026-11-02');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^campaign: is required/);
    const unknown = await get('/api/ads?adset=s_nope&from=2026-11-01&to=2026-11-02');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('adset: s_nope is not an ad set of this workspace.');
    const other = await memberHeaders(running.app, { workspace: 'another-client', role: 'viewer' });
    expect((await get('/api/adsets?campaign=c_ad1&from=2026-11-01&to=2026-11-02', other)).status).toBe(404);
    expect((await get('/api/campaigns?from=2026-11-01&to=2026-11-02', other)).body.rows).toEqual([]);
  });
});
