import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { seedTwoCurrencies } from './seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'funnel-secret';
const PAGE = '104857600000013';

type Funnel = {
  rows: { key: string; stages: Record<string, number | null>; stepRates: Record<string, number | null> }[];
  message?: string;
};

describe.each(databaseKinds)('GET /api/funnel on %s', (kind) => {
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
