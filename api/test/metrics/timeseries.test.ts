import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { seedTwoCurrencies } from './seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'timeseries-secret';
const PAGE = '104857600000012';

type Series = { group: string | null; currency: string | null; points: { period: string; value: number | null }[] };
type Timeseries = { periods: string[]; series: Series[]; message?: string };

describe.each(databaseKinds)('GET /api/timeseries on %s', (kind) => {
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
