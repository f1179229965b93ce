import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWorld } from './fake-world.js';
import { startGraphServer, type GraphServer } from './server.js';
import { errorOf, followPages, graph } from './test-helpers.js';

const world = fakeWorld('2025-06-30', 30);
const access_token = world.systemUserToken;
const now = () => Date.parse('2025-07-01T12:00:00Z');
const june = { since: '2025-06-01', until: '2025-06-30' };
let server: GraphServer;

beforeAll(async () => {
  server = await startGraphServer(world, { now, maxSyncObjectDays: 1000 });
});
afterAll(() => server.close());

const daily = {
  access_token,
  level: 'ad',
  time_increment: 1,
  time_range: june,
  fields: 'ad_id,spend,impressions,actions',
};

describe('synchronous insights', () => {
  it('pages a month of daily ad rows to the end: 12 ads × 30 days, each once', async () => {
    const { rows, pages } = await followPages(await graph(server, 'act_1001/insights', { ...daily, limit: 50 }));
    expect(rows).toHaveLength(360);
    expect(pages).toBe(8);
    expect(new Set(rows.map((r) => `${String(r['ad_id'])}|${String(r['date_start'])}`)).size).toBe(360);
    const total = rows.reduce((sum, r) => sum + Number(r['impressions']), 0);
    const account = await graph(server, 'act_1001/insights', { access_token, time_range: june, fields: 'impressions' });
    expect((account.body['data'] as { impressions: string }[])[0]?.impressions).toBe(String(total));
  });

  it('answers at the level asked, with only that level ids', async () => {
    const reply = await graph(server, 'act_1001/insights', {
      access_token,
      level: 'campaign',
      time_range: june,
      fields: 'campaign_id,campaign_name,ad_id,spend',
    });
    const rows = reply.body['data'] as Record<string, unknown>[];
    expect(rows.map((r) => r['campaign_name'])).toEqual(['Campaign 1', 'Campaign 2']);
    expect(
      rows.every((r) => !('ad_id' in r) && r['date_start'] === '2025-06-01' && r['date_stop'] === '2025-06-30'),
    ).toBe(true);
  });

  it('scopes insights on a campaign node and filters on ad.id', async () => {
    const campaign = await followPages(await graph(server, '10011/insights', { ...daily, limit: 500 }));
    expect(campaign.rows).toHaveLength(6 * 30);
    const filtering = [{ field: 'ad.id', operator: 'IN', value: ['1001111', '1001212'] }];
    const filtered = await followPages(await graph(server, 'act_1001/insights', { ...daily, filtering, limit: 500 }));
    expect(new Set(filtered.rows.map((r) => r['ad_id']))).toEqual(new Set(['1001111', '1001212']));
    expect(filtered.rows).toHaveLength(60);
  });

  it('adds per-window action values when attribution windows are asked for', async () => {
    const reply = await graph(server, '1001111/insights', {
      ...daily,
      action_attribution_windows: ['1d_click', '7d_click'],
    });
    const action = (reply.body['data'] as { actions: Record<string, string>[] }[])[0]?.actions[0];
    expect(action?.['7d_click']).toBe(action?.['value']);
    expect(Number(action?.['1d_click'])).toBeLessThanOrEqual(Number(action?.['value']));
  });

  it('refuses a request for too much data with 100 / 1487534', async () => {
    const reply = await graph(server, 'act_1001/insights', {
      ...daily,
      time_range: { since: '2025-01-01', until: '2025-06-30' },
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 100, error_subcode: 1487534 });
    expect(String(errorOf(reply)['message'])).toContain("reduce the amount of data you're asking for");
  });

  it.each([
    ['a bad level', { level: 'page' }],
    ['an unknown field', { fields: 'spend,likes' }],
    ['since after until', { time_range: { since: '2025-06-10', until: '2025-06-01' } }],
    ['an unknown attribution window', { action_attribution_windows: ['2d_click'] }],
  ])('rejects %s with code 100', async (_name, params) => {
    expect(errorOf(await graph(server, 'act_1001/insights', { ...daily, ...params }))['code']).toBe(100);
  });
});

describe('asynchronous insights', () => {
  it('runs a report: Not Started → Started → Running → Completed, then pages its rows', async () => {
    const created = await graph(
      server,
      'act_1001/insights',
      { ...daily, time_range: { since: '2025-01-01', until: '2025-06-30' } },
      'POST',
    );
    const id = String(created.body['report_run_id']);
    expect(id).toMatch(/^\d+$/);
    const early = await graph(server, `${id}/insights`, { access_token });
    expect(errorOf(early)['code']).toBe(2601);
    const statuses: string[] = [];
    for (let i = 0; i < 6 && statuses.at(-1) !== 'Job Completed'; i++) {
      const poll = await graph(server, id, { access_token, fields: 'async_status,async_percent_completion' });
      statuses.push(String(poll.body['async_status']));
    }
    expect(statuses).toEqual(['Job Not Started', 'Job Started', 'Job Running', 'Job Completed']);
    const { rows } = await followPages(await graph(server, `${id}/insights`, { access_token, limit: 100 }));
    expect(rows).toHaveLength(360);
  });

  it('fails a report when faults say so', async () => {
    const failing = await startGraphServer(world, { now, faults: { reportFailRate: 1 } });
    try {
      const created = await graph(failing, 'act_1002/insights', daily, 'POST');
      const id = String(created.body['report_run_id']);
      let status = '';
      for (let i = 0; i < 4; i++)
        status = String((await graph(failing, id, { access_token, fields: 'async_status' })).body['async_status']);
      expect(status).toBe('Job Failed');
      expect(errorOf(await graph(failing, `${id}/insights`, { access_token }))['code']).toBe(2601);
    } finally {
      await failing.close();
    }
  });
});
