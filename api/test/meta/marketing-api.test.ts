import { createWorld, startGraphServer, type GraphServer, type World } from '@ctm/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/meta/clock.js';
import { DEFAULT_RETRY, type GraphCaller } from '../../src/meta/graph-call.js';
import { MarketingApi } from '../../src/meta/marketing-api.js';
import { configureSdk } from '../../src/meta/meta-sdk.js';
import { RateGovernor } from '../../src/meta/rate-governor.js';

const PULLED_AT = new Date('2026-11-21T08:00:00Z');

describe('MarketingApi through the SDK against the simulator', () => {
  let world: World;
  let graph: GraphServer;
  let api: MarketingApi;
  let requests = 0;
  beforeAll(async () => {
    world = createWorld({ seed: 3, size: 'tiny', endDate: '2026-11-20' });
    // the server's clock decides which restated version of the last 28 days it serves
    graph = await startGraphServer(world, { maxSyncObjectDays: 200, now: () => PULLED_AT.getTime() });
    configureSdk({ graphUrl: graph.url, apiVersion: 'v24.0', timeoutMs: 5_000 });
    const caller: GraphCaller = {
      governor: new RateGovernor(systemClock),
      clock: systemClock,
      policy: DEFAULT_RETRY,
      random: Math.random,
      onRequest: () => void requests++,
    };
    api = new MarketingApi(world.systemUserToken, caller);
  });
  afterAll(() => graph?.close());

  it('reads the account fields', async () => {
    const [account] = world.accounts;
    expect(await api.readAccount(account!.id)).toMatchObject({
      name: account!.name,
      currency: account!.currency,
      timezone_name: account!.timezoneName,
    });
  });

  it('lists every ad, deleted and archived included', async () => {
    const account = world.accounts[0]!;
    const ids: string[] = [];
    for await (const page of api.objects(account.id, 'ad')) ids.push(...page.map((o) => String(o['id'])));
    expect(ids.sort()).toEqual([...world.ads(account.id)].map((a) => a.id).sort());
  });

  it('pulls the same daily rows synchronously and through an async report run', async () => {
    const account = world.accounts[0]!;
    const range = { since: '2026-11-10', until: '2026-11-20' };
    const expected = [
      ...world.insights({ accountId: account.id, level: 'ad', ...range, timeIncrement: 1, pulledAt: PULLED_AT }),
    ];
    const sync: Record<string, unknown>[] = [];
    for await (const page of api.insights(account.id, range)) sync.push(...page);
    const async: Record<string, unknown>[] = [];
    for await (const page of api.insightsAsync(account.id, range)) async.push(...page);
    const key = (r: Record<string, unknown>) => `${r['ad_id']}|${r['date_start']}|${r['spend']}`;
    expect(sync.map(key).sort()).toEqual(expected.map(key).sort());
    expect(async.map(key).sort()).toEqual(expected.map(key).sort());
    expect(expected.length).toBeGreaterThan(0);
  });
});
