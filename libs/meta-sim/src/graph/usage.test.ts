import { afterEach, describe, expect, it } from 'vitest';
import { fakeWorld } from './fake-world.js';
import { startGraphServer, type GraphServer, type GraphServerOptions } from './server.js';
import { errorOf, graph, type GraphReply } from './test-helpers.js';

const world = fakeWorld();
const access_token = world.systemUserToken;
const HOUR = 3_600_000;
let clock = Date.parse('2025-07-01T12:00:00Z');
let server: GraphServer | undefined;

async function start(budgets: GraphServerOptions['budgets']): Promise<GraphServer> {
  clock = Date.parse('2025-07-01T12:00:00Z');
  server = await startGraphServer(world, { now: () => clock, budgets });
  return server;
}
afterEach(() => server?.close());

const header = (reply: GraphReply, name: string) => JSON.parse(reply.headers.get(name) ?? 'null') as unknown;
type BucEntry = { type: string; call_count: number; total_time: number; estimated_time_to_regain_access: number };
const buc = (reply: GraphReply, business: string) =>
  (header(reply, 'x-business-use-case-usage') as Record<string, BucEntry[]>)[business];

describe('usage headers', () => {
  it('rise with every call and decay as calls leave the window', async () => {
    const s = await start({ buc: { standard: { ads_management: 10, ads_insights: 10 } } });
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const reply = await graph(s, 'act_1001/campaigns', { access_token });
      counts.push(buc(reply, '91001')?.find((e) => e.type === 'ads_management')?.call_count ?? -1);
      expect(header(reply, 'x-app-usage')).toMatchObject({ call_count: expect.any(Number) as number });
    }
    expect(counts).toEqual([10, 20, 30, 40]);
    clock += HOUR + 1;
    const later = await graph(s, 'act_1001/campaigns', { access_token });
    expect(buc(later, '91001')?.find((e) => e.type === 'ads_management')?.call_count).toBe(10);
  });

  it('sends x-fb-ads-insights-throttle on insights calls only', async () => {
    const s = await start({});
    const insights = await graph(s, 'act_1001/insights', {
      access_token,
      time_range: { since: '2025-06-01', until: '2025-06-02' },
    });
    expect(header(insights, 'x-fb-ads-insights-throttle')).toMatchObject({
      app_id_util_pct: expect.any(Number) as number,
      acc_id_util_pct: expect.any(Number) as number,
    });
    const campaigns = await graph(s, 'act_1001/campaigns', { access_token });
    expect(campaigns.headers.get('x-fb-ads-insights-throttle')).toBeNull();
    const page = await graph(s, '501', { access_token: 'PAGE-TOKEN-501' });
    expect(page.headers.get('x-business-use-case-usage')).toBeNull();
    expect(page.headers.get('x-app-usage')).not.toBeNull();
  });
});

describe('past the budget', () => {
  it.each([
    ['app', 4, { app: 3 }, undefined],
    ['user', 17, { user: 3 }, 2446079],
    ['ad account', 613, { account: 3 }, 1487742],
    ['ads management BUC', 80004, { buc: { standard: { ads_management: 3, ads_insights: 100 } } }, 2446079],
  ] as const)('%s limit → code %i, refused until regain, then served', async (_name, code, budgets, subcode) => {
    const s = await start(budgets);
    for (let i = 0; i < 3; i++) expect((await graph(s, 'act_1001/campaigns', { access_token })).status).toBe(200);
    const refused = await graph(s, 'act_1001/campaigns', { access_token });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({ code, is_transient: true });
    expect(errorOf(refused)['error_subcode']).toBe(subcode);
    expect(refused.headers.get('x-app-usage')).not.toBeNull();
    expect(buc(refused, '91001')).toBeDefined();
    clock += 30 * 60_000;
    expect((await graph(s, 'act_1001/campaigns', { access_token })).status).toBe(400);
    clock += 31 * 60_000;
    expect((await graph(s, 'act_1001/campaigns', { access_token })).status).toBe(200);
  });

  it('gives development-tier accounts a far smaller insights budget, with the time to regain access', async () => {
    const s = await start({});
    const params = { access_token, time_range: { since: '2025-06-01', until: '2025-06-01' } };
    let reply: GraphReply | undefined;
    let calls = 0;
    while (calls < 10_000) {
      calls++;
      reply = await graph(s, 'act_1002/insights', params);
      if (reply.status !== 200) break;
    }
    expect(calls).toBeLessThan(700);
    expect(errorOf(reply as GraphReply)).toMatchObject({ code: 80000 });
    const entry = buc(reply as GraphReply, '91002')?.find((e) => e.type === 'ads_insights');
    expect(Math.max(entry?.call_count ?? 0, entry?.total_time ?? 0)).toBeGreaterThanOrEqual(100);
    expect(entry?.estimated_time_to_regain_access).toBeGreaterThan(0);
    expect((await graph(s, 'act_1001/insights', params)).status).toBe(200);
  });
});
