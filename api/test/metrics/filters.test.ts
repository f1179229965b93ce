import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { seedTwoCurrencies } from './seed.js';

const SECRET = 'filters-secret';
const PAGE = '104857600000011';
const RANGE = 'from=2026-11-01&to=2026-11-02';

type Figure = { value: number | null };
type Overview = {
  observed: Record<string, Figure>;
  byCurrency: { currency: string; metrics: Record<string, Figure> }[];
  series: { day: string; newContacts: number; spend: Record<string, number> }[];
};
type AdRows = { rows: { id: string; metrics: Record<string, Figure> }[] };

// the seed: act_1 (EUR) runs c_ad1/s_ad1/ad1, act_2 (USD) runs c_ad2/s_ad2/ad2; on 11-01..02 ad1 brought
// two new contacts, ad2 one, and one came with no referral; spend EUR 30 and USD 30
describe.each(databaseKinds)('filters on the figures endpoints on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  const get = async <T>(path: string, status = 200): Promise<T> => {
    const res = await running.api(path);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    return body as T;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    await seedTwoCurrencies(running, PAGE, SECRET);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('narrows the overview to an ad account: its contacts, its spend, its currency only', async () => {
    const o = await get<Overview>(`/api/overview?${RANGE}&account=act_1`);
    expect(o.observed['newContacts']?.value).toBe(2);
    expect(o.byCurrency.map((c) => c.currency)).toEqual(['EUR']);
    expect(o.byCurrency[0]!.metrics['spend']?.value).toBe(30);
    expect(o.byCurrency[0]!.metrics['costPerNewContact']?.value).toBe(15);
    expect(o.series.find((d) => d.day === '2026-11-02')).toMatchObject({ newContacts: 1, spend: { EUR: 20 } });
  });

  it('narrows the overview to a campaign, an ad set or an ad alike', async () => {
    for (const filter of ['campaign=c_ad2', 'adset=s_ad2', 'ad=ad2']) {
      const o = await get<Overview>(`/api/overview?${RANGE}&${filter}`);
      expect(o.observed['newContacts']?.value, filter).toBe(1);
      expect(
        o.byCurrency.map((c) => [c.currency, c.metrics['spend']?.value]),
        filter,
      ).toEqual([['USD', 30]]);
    }
  });

  it('leaves money out for a slice of contacts Meta does not report spend for (a page, a ref, a source other than ads)', async () => {
    const organic = await get<Overview>(`/api/overview?${RANGE}&source=ORGANIC`);
    expect(organic.observed['newContacts']?.value).toBe(1);
    for (const c of organic.byCurrency) expect(c.metrics['spend']?.value).toBeNull();
    const page = await get<Overview>(`/api/overview?${RANGE}&page=${PAGE}`);
    expect(page.observed['newContacts']?.value).toBe(4);
    for (const c of page.byCurrency) {
      expect(c.metrics['spend']?.value).toBeNull();
      expect(c.metrics['costPerNewContact']?.value).toBeNull();
    }
    const ads = await get<Overview>(`/api/overview?${RANGE}&source=ADS`);
    expect(ads.observed['newContacts']?.value).toBe(3);
    expect(ads.byCurrency.find((c) => c.currency === 'EUR')?.metrics['spend']?.value).toBe(30);
  });

  it('narrows campaign, ad set and ad rows, and the rows still add up', async () => {
    const all = await get<AdRows>(`/api/campaigns?${RANGE}`);
    const act2 = await get<AdRows>(`/api/campaigns?${RANGE}&account=act_2`);
    expect(act2.rows.map((r) => r.id)).toEqual(['c_ad2']);
    expect(act2.rows[0]!.metrics['newContacts']?.value).toBe(1);
    const act1 = await get<AdRows>(`/api/campaigns?${RANGE}&account=act_1`);
    const sum = (r: AdRows, m: string) => r.rows.reduce((n, row) => n + (row.metrics[m]?.value ?? 0), 0);
    expect(sum(act1, 'newContacts') + sum(act2, 'newContacts')).toBe(sum(all, 'newContacts'));
    const ads = await get<AdRows>(`/api/ads?${RANGE}&adset=s_ad1&ad=ad1`);
    expect(ads.rows.map((r) => [r.id, r.metrics['newContacts']?.value, r.metrics['spend']?.value])).toEqual([
      ['ad1', 2, 30],
    ]);
  });

  it('filters a time series, and refuses a money metric for a slice without spend', async () => {
    const t = await get<{ series: { points: { value: number | null }[] }[] }>(
      `/api/timeseries?${RANGE}&metric=newContacts&campaign=c_ad1`,
    );
    expect(t.series[0]!.points.map((p) => p.value)).toEqual([1, 1]);
    const refused = await get<{ message: string }>(`/api/timeseries?${RANGE}&metric=spend&page=${PAGE}`, 400);
    expect(refused.message).toMatch(/spend needs spend or Meta's counts, which Meta reports per ad, not per page/);
  });

  it('filters the funnel, the cohorts, the reconciliation and the contacts by ad account', async () => {
    const funnel = await get<{ rows: { key: string; stages: Record<string, number | null> }[] }>(
      `/api/funnel?${RANGE}&by=campaign&account=act_1`,
    );
    expect(funnel.rows.map((r) => [r.key, r.stages['clicks'], r.stages['newContacts']])).toEqual([['c_ad1', 60, 2]]);
    const cohorts = await get<{ rows: { key: string; newContacts: number }[] }>(
      `/api/cohorts?${RANGE}&by=campaign&account=act_1`,
    );
    expect(cohorts.rows.map((r) => [r.key, r.newContacts])).toEqual([['c_ad1', 2]]);
    const rec = await get<{ rows: { key: string }[] }>(`/api/reconciliation?${RANGE}&account=act_2`);
    expect(rec.rows.map((r) => r.key)).toEqual(['ad2']);
    const contacts = await get<{ rows: { psid: string | null }[] }>(`/api/contacts?campaign=c_ad1`);
    expect(contacts.rows).toHaveLength(3);
  });

  it('searches contacts by the start of a PSID', async () => {
    const all = await get<{ rows: { psid: string }[] }>(`/api/contacts`);
    const psid = all.rows[0]!.psid;
    const found = await get<{ rows: { psid: string }[] }>(`/api/contacts?q=${psid.slice(0, 15)}`);
    expect(found.rows.map((r) => r.psid)).toContain(psid);
    const exact = await get<{ rows: { psid: string }[] }>(`/api/contacts?q=${psid}`);
    expect(exact.rows.map((r) => r.psid)).toEqual([psid]);
  });

  it('answers 404 for what this workspace does not have and 400 for a malformed id, naming the parameter', async () => {
    expect((await get<{ message: string }>(`/api/overview?${RANGE}&campaign=c_nope`, 404)).message).toBe(
      'campaign: this workspace has no campaign c_nope.',
    );
    expect((await get<{ message: string }>(`/api/campaigns?${RANGE}&account=act_999`, 404)).message).toBe(
      'account: this workspace has no ad account act_999.',
    );
    expect((await get<{ message: string }>(`/api/ref-links?${RANGE}&page=42`, 404)).message).toBe(
      'page: this workspace has no page 42.',
    );
    // an ad set id given as a campaign is not a campaign
    expect((await get<{ message: string }>(`/api/funnel?${RANGE}&campaign=s_ad1`, 404)).message).toBe(
      'campaign: this workspace has no campaign s_ad1.',
    );
    expect((await get<{ message: string }>(`/api/overview?${RANGE}&account=1234`, 400)).message).toMatch(/account/);
    expect((await get<{ message: string }>(`/api/cohorts?${RANGE}&ref=spring`, 400)).message).toMatch(/^ref: /);
  });
});
