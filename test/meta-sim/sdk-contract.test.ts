import { AdAccount, AdReportRun, FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, startGraphServer, type GraphServer } from '@ctm/meta-sim';
import { dataOf, initSdk, pointSdkAt, readAll, sdkError, type Cursor } from './sdk.js';

// the demo world: 2 accounts (one in EUR, Europe/Berlin, development tier), ~40 ads, 180 days
const world = createWorld({ seed: 7, size: 'medium', endDate: '2025-06-30' });
const end = world.options.endDate;
const now = () => Date.parse(`${end}T12:00:00Z`) + 86_400_000;
const account = world.accounts[0]?.id ?? '';
const yearBack = new Date(Date.parse(end) - 364 * 86_400_000).toISOString().slice(0, 10);
let server: GraphServer;
let restore: () => void;

beforeAll(async () => {
  server = await startGraphServer(world, { now });
  restore = pointSdkAt(server.url);
  initSdk(world.systemUserToken);
});
afterAll(async () => {
  restore();
  await server.close();
});

describe('facebook-nodejs-business-sdk against the simulator', () => {
  it('points the SDK at the simulator, and restores it', () => {
    expect(FacebookAdsApi.GRAPH).toBe(server.url);
  });

  it('reads an ad account', async () => {
    const read = await new AdAccount(account).read(['name', 'currency', 'timezone_name', 'account_status']);
    const expected = world.accounts[0];
    expect(dataOf(read as unknown as Record<string, unknown>)).toMatchObject({
      id: account,
      name: expected?.name,
      currency: expected?.currency,
      timezone_name: expected?.timezoneName,
      account_status: expected?.accountStatus,
    });
  });

  it('pages campaigns and ads with cursor.next() to the end', async () => {
    const campaigns = await readAll(new AdAccount(account).getCampaigns(['name', 'effective_status'], { limit: 1 }));
    const visible = (list: Iterable<{ id: string; effectiveStatus: string }>) =>
      [...list].filter((o) => o.effectiveStatus !== 'DELETED' && o.effectiveStatus !== 'ARCHIVED').map((o) => o.id);
    expect(campaigns.rows.map((r) => r['id'])).toEqual(visible(world.campaigns(account)));
    expect(campaigns.pages).toBe(campaigns.rows.length);
    const ads = await readAll(new AdAccount(account).getAds(['name', 'adset_id'], { limit: 5 }));
    expect(ads.rows.map((r) => r['id'])).toEqual(visible(world.ads(account)));
  });

  it('pages a year of daily ad insights: as many rows as the world has', async () => {
    const params = { level: 'ad', time_increment: 1, time_range: { since: yearBack, until: end }, limit: 200 };
    const { rows, pages } = await readAll(
      new AdAccount(account).getInsights(['ad_id', 'spend', 'impressions', 'actions'], params),
    );
    const deleted = new Set([...world.ads(account)].filter((a) => a.effectiveStatus === 'DELETED').map((a) => a.id));
    const expected = [
      ...world.insights({ accountId: account, level: 'ad', since: yearBack, until: end, timeIncrement: 1 }),
    ].filter((r) => !deleted.has(r.ad_id));
    expect(expected.length).toBeGreaterThan(1000);
    expect(rows).toHaveLength(expected.length);
    expect(pages).toBe(Math.ceil(expected.length / 200));
    expect(new Set(rows.map((r) => `${String(r['ad_id'])}/${String(r['date_start'])}`)).size).toBe(expected.length);
  });

  it('runs an async report: polls AdReportRun until Job Completed, then pages its insights', async () => {
    const params = { level: 'ad', time_increment: 1, time_range: { since: yearBack, until: end } };
    const run: AdReportRun = await new AdAccount(account).getInsightsAsync(['ad_id', 'spend'], params);
    expect(run.id).toMatch(/^\d+$/);
    const seen: string[] = [];
    for (let i = 0; i < 10 && seen.at(-1) !== 'Job Completed'; i++) {
      const polled = await run.get(['async_status', 'async_percent_completion']);
      seen.push(String(polled.exportAllData()['async_status']));
    }
    expect(seen).toEqual(['Job Not Started', 'Job Started', 'Job Running', 'Job Completed']);
    expect(run.exportAllData()['async_percent_completion']).toBe(100);
    const { rows } = await readAll(run.getInsights([], { limit: 100 }));
    const sync = await readAll(new AdAccount(account).getInsights(['ad_id', 'spend'], { ...params, limit: 500 }));
    expect(rows).toEqual(sync.rows);
  });

  it('shows usage headers on success with setShowHeader(true)', async () => {
    const api = FacebookAdsApi.getDefaultApi().setShowHeader(true);
    try {
      const cursor = (await new AdAccount(account).getInsights(['spend'], {
        time_range: { since: end, until: end },
      })) as Cursor;
      const headers = cursor.headers as Record<string, string>;
      expect(JSON.parse(headers['x-app-usage'] ?? '{}')).toHaveProperty('call_count');
      expect(JSON.parse(headers['x-fb-ads-insights-throttle'] ?? '{}')).toHaveProperty('acc_id_util_pct');
    } finally {
      api.setShowHeader(false);
    }
  });
});

describe('errors as the SDK sees them', () => {
  it('an invalid token → FacebookRequestError 190', async () => {
    initSdk('not-a-token');
    try {
      const error = await sdkError(() => new AdAccount(account).read(['name']));
      expect(error.name).toBe('FacebookRequestError');
      expect(error.status).toBe(400);
      expect(error.response?.code).toBe(190);
      expect(error.response?.error_subcode).toBeUndefined();
    } finally {
      initSdk(world.systemUserToken);
    }
  });

  it('a 5xx fault → FacebookRequestError with is_transient', async () => {
    server.setFaults({ errorRate: 1 });
    try {
      const error = await sdkError(() => new AdAccount(account).read(['name']));
      expect(error.name).toBe('FacebookRequestError');
      expect(error.status).toBe(500);
      expect(error.response?.is_transient).toBe(true);
      expect([1, 2]).toContain(error.response?.code);
    } finally {
      server.setFaults({});
    }
  });

  it('a dropped connection → FacebookRequestError with status null', async () => {
    server.setFaults({ dropRate: 1 });
    try {
      const error = await sdkError(() => new AdAccount(account).read(['name']));
      expect(error.name).toBe('FacebookRequestError');
      expect(error.status).toBeNull();
    } finally {
      server.setFaults({});
    }
  });

  it('past the user budget → error 17 with the usage headers', async () => {
    const limited = await startGraphServer(world, { now, budgets: { user: 3 } });
    const back = pointSdkAt(limited.url);
    try {
      for (let i = 0; i < 3; i++) await new AdAccount(account).getCampaigns(['name']);
      const error = await sdkError(() => new AdAccount(account).getCampaigns(['name']) as Promise<Cursor>);
      expect(error.name).toBe('FacebookRequestError');
      expect(error.status).toBe(400);
      expect(error.response).toMatchObject({ code: 17, error_subcode: 2446079, is_transient: true });
      const buc = JSON.parse(error.headers?.['x-business-use-case-usage'] ?? '{}') as Record<
        string,
        { type: string }[]
      >;
      expect(buc[world.accounts[0]?.businessId ?? '']?.map((e) => e.type)).toContain('ads_management');
      expect(JSON.parse(error.headers?.['x-app-usage'] ?? '{}')).toHaveProperty('call_count');
    } finally {
      back();
      pointSdkAt(server.url);
      await limited.close();
    }
  });
});
