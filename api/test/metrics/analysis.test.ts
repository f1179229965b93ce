import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortsService } from '../../src/metrics/cohorts.service.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { seedTwoCurrencies } from './seed.js';

const SECRET = 'analysis-secret';
const PAGE = '104857600000012';

type Row = {
  key: string;
  adName: string | null;
  campaignName: string | null;
  metaConversationsStarted: number;
  observedNewContacts: number;
  observedReengaged: number;
  gap: number;
};
type Reconciliation = {
  by: string;
  timeZones: { messenger: string; ads: string[] };
  totals: Omit<Row, 'key' | 'adName' | 'campaignName'>;
  causes: { cause: string; contacts: number | null; explanation: string }[];
  rows: Row[];
};
type Cohorts = {
  rows: {
    key: string;
    name: string | null;
    newContacts: number;
    curve: { day: number; eligible: number; converted: number; rate: number | null }[];
  }[];
};

describe.each(databaseKinds)('GET /api/reconciliation and /api/cohorts on %s', (kind) => {
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

  const get = async <T>(path: string) => {
    const res = await running.api(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as T;
  };

  it("sets Meta's conversations started against observed contacts per ad, worst gap first", async () => {
    const r = await get<Reconciliation>('/api/reconciliation?from=2026-11-01&to=2026-11-02');
    expect(r.by).toBe('ad');
    expect(r.rows.map((x) => [x.key, x.metaConversationsStarted, x.observedNewContacts, x.gap])).toEqual([
      ['ad1', 5, 2, 3],
      ['ad2', 1, 1, 0],
    ]);
    expect(r.rows[0]).toMatchObject({ adName: 'ad1', campaignName: 'c_ad1' });
    expect(r.totals).toEqual({ metaConversationsStarted: 6, observedNewContacts: 3, observedReengaged: 0, gap: 3 });
    expect(r.causes.map((c) => c.cause)).toEqual(['no_referral', 'attribution_window']);
    expect(r.causes[0]).toMatchObject({
      contacts: 1,
      explanation: expect.stringMatching(/^1 new contacts in these days came with no referral/),
    });
  });

  it('gives one ad day by day, and 404 or 400 for an ad it does not have or cannot be', async () => {
    const r = await get<Reconciliation>('/api/reconciliation?from=2026-10-30&to=2026-11-02&ad=ad1');
    expect(r.by).toBe('day');
    expect(r.rows.map((x) => [x.key, x.metaConversationsStarted, x.observedNewContacts, x.gap])).toEqual([
      ['2026-10-30', 1, 0, 1],
      ['2026-10-31', 0, 1, -1],
      ['2026-11-01', 3, 1, 2],
      ['2026-11-02', 2, 1, 1],
    ]);
    // the first contact the webhooks showed arrived on 10-31: Meta's conversation of 10-30 cannot be matched
    expect(r.causes[0]).toEqual({
      cause: 'before_webhooks',
      contacts: 1,
      explanation: expect.stringMatching(
        /^The webhooks showed their first contact on 2026-10-31: Meta's 1 conversations/,
      ),
    });
    const missing = await running.api('/api/reconciliation?from=2026-11-01&to=2026-11-02&ad=999');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toBe('ad: this workspace has no ad 999.');
    const bad = await running.api('/api/reconciliation?from=2026-11-01&to=2026-11-02&ad=1;drop');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/ad/);
  });

  it('draws conversion by days since first contact, per source and per campaign', async () => {
    const bySource = await get<Cohorts>('/api/cohorts?from=2026-10-31&to=2026-11-02&days=3');
    expect(bySource.rows.map((r) => [r.key, r.newContacts])).toEqual([
      ['ADS', 4],
      ['ORGANIC', 1],
    ]);
    // the contact of 11-01 bought on 11-02: converted one day after first contact
    expect(bySource.rows[0]!.curve.map((p) => [p.day, p.eligible, p.converted])).toEqual([
      [0, 4, 0],
      [1, 4, 1],
      [2, 4, 1],
      [3, 4, 1],
    ]);
    const byCampaign = await get<Cohorts>('/api/cohorts?from=2026-10-31&to=2026-11-02&by=campaign&days=1');
    expect(byCampaign.rows.map((r) => [r.key, r.name, r.newContacts, r.curve[1]!.rate])).toEqual([
      ['c_ad1', 'c_ad1', 3, 1 / 3],
      ['', null, 1, 0],
      ['c_ad2', 'c_ad2', 1, 0],
    ]);
  });

  it('counts only contacts old enough for each day, and ends where the converted share does', async () => {
    // as if asked on 11-02: only the contacts of 10-31 and 11-01 have had a whole day, only those of 10-31 two
    const [{ id: ws }] = await running.sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    const early = await running.app
      .get(CohortsService)
      .report(ws, 'source', { from: '2026-10-31', to: '2026-11-02' }, 2, {}, Date.parse('2026-11-02T18:00:00Z'));
    expect(early.rows[0]!.curve.map((p) => [p.day, p.eligible, p.converted])).toEqual([
      [0, 2, 0],
      [1, 1, 0],
      [2, 0, 0],
    ]);
    // a day later, the contact of 11-01 (who bought a day after first writing) counts at day 1
    const later = await running.app
      .get(CohortsService)
      .report(ws, 'source', { from: '2026-10-31', to: '2026-11-02' }, 1, {}, Date.parse('2026-11-03T08:00:00Z'));
    expect(later.rows[0]!.curve.map((p) => [p.day, p.eligible, p.converted])).toEqual([
      [0, 4, 0],
      [1, 2, 1],
    ]);
    // today, every contact of the range is old enough: the curves end at the converted share of the overview
    const days = 20;
    const cohorts = await get<Cohorts>(`/api/cohorts?from=2026-10-31&to=2026-11-02&days=${days}`);
    const overview = await get<{ observed: Record<string, { value: number }> }>(
      '/api/overview?from=2026-10-31&to=2026-11-02',
    );
    const newContacts = overview.observed['newContacts']!.value;
    expect(cohorts.rows.reduce((n, r) => n + r.newContacts, 0)).toBe(newContacts);
    const converted = cohorts.rows.reduce((n, r) => n + r.curve[days]!.converted, 0);
    expect(converted / newContacts).toBeCloseTo(overview.observed['conversionRate']!.value, 10);
  });

  it('keeps cohort_daily equal to a recomputation from contacts and their conversions', async () => {
    const kept = await running.sql.query(
      `SELECT day::text, page_id, source, ad_id, days_to_convert, contacts FROM cohort_daily WHERE contacts <> 0
       ORDER BY 1, 3, 4, 5`,
    );
    const recomputed = await running.sql.query(
      `SELECT (c.first_seen_at AT TIME ZONE w.time_zone)::date::text AS day, c.page_id, c.first_source AS source,
         coalesce(c.first_ad_id, '') AS ad_id,
         least(greatest(floor(extract(epoch FROM (v.first - c.first_seen_at)) / 86400), 0), 91)::smallint AS days_to_convert,
         count(*)::int AS contacts
       FROM contact c JOIN workspace w ON w.id = c.workspace_id
       JOIN (SELECT workspace_id, page_id, person_key, min(time) AS first FROM conversion GROUP BY 1, 2, 3) v
         ON v.workspace_id = c.workspace_id AND v.page_id = c.page_id AND v.person_key = c.person_key
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3, 4, 5`,
    );
    expect(recomputed.length).toBeGreaterThan(0);
    expect(kept).toEqual(recomputed);
  });

  it('refuses bad cohort parameters with a sentence naming them', async () => {
    for (const [query, word] of [
      ['from=2026-11-02&to=2026-11-01', 'from'],
      ['from=2026-11-01&to=2026-11-02&days=0', 'days'],
      ['from=2026-11-01&to=2026-11-02&by=ad', 'by'],
    ]) {
      const res = await running.api(`/api/cohorts?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(word);
    }
  });
});
