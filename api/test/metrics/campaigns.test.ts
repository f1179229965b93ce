import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHeaders, startTestApp, type RunningApp } from '../support/test-app.js';
import { seedTwoCurrencies } from './seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'campaigns-secret';
const PAGE = '104857600000009';

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

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    await seedTwoCurrencies(running, PAGE, SECRET);
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
