import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { seedTwoCurrencies } from './seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'overview-secret';
const PAGE = '104857600000008';

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

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    await seedTwoCurrencies(running, PAGE, SECRET);
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
