import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWorld } from './fake-world.js';
import { startGraphServer, type GraphServer } from './server.js';
import { errorOf, followPages, graph } from './test-helpers.js';

const world = fakeWorld();
const token = world.systemUserToken;
let server: GraphServer;

beforeAll(async () => {
  server = await startGraphServer(world, { now: () => Date.parse('2025-07-01T12:00:00Z') });
});
afterAll(() => server.close());

describe('ad account and objects', () => {
  it('reads an ad account with the fields asked for', async () => {
    const reply = await graph(server, 'act_1002', {
      access_token: token,
      fields: 'name,currency,timezone_name,account_status,business',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: 'act_1002',
      name: 'Acme EU',
      currency: 'EUR',
      timezone_name: 'Europe/Paris',
      account_status: 1,
      business: { id: '91002', name: 'Business 91002' },
    });
  });

  it('answers any vNN.N version', async () => {
    const res = await fetch(`${server.url}/v19.0/act_1001?access_token=${token}`);
    expect(await res.json()).toEqual({ id: 'act_1001', account_id: '1001' });
  });

  it.each([1, 2, 5, 100])('pages the ads with limit %i: every ad once, next absent on the last page', async (limit) => {
    const first = await graph(server, 'act_1001/ads', { access_token: token, fields: 'name,adset_id', limit });
    const { rows, pages } = await followPages(first);
    const ids = rows.map((r) => r['id']);
    expect(ids).toEqual([...world.ads('act_1001')].map((a) => a.id));
    expect(new Set(ids).size).toBe(12);
    expect(pages).toBe(Math.ceil(12 / limit));
  });

  it('writes paging.next as a full URL on its own base, carrying the token and params', async () => {
    const reply = await graph(server, 'act_1001/campaigns', { access_token: token, fields: 'name', limit: 1 });
    const paging = reply.body['paging'] as { next: string; cursors: { after: string } };
    const next = new URL(paging.next);
    expect(`${next.protocol}//${next.host}`).toBe(server.url);
    expect(next.pathname).toBe('/v24.0/act_1001/campaigns');
    expect(next.searchParams.get('access_token')).toBe(token);
    expect(next.searchParams.get('fields')).toBe('name');
    expect(next.searchParams.get('after')).toBe(paging.cursors.after);
  });

  it('filters by effective_status and by filtering rules', async () => {
    const paused = await graph(server, 'act_1001/ads', { access_token: token, effective_status: ['CAMPAIGN_PAUSED'] });
    expect((paused.body['data'] as unknown[]).length).toBe(6);
    const filtering = [
      { field: 'campaign.id', operator: 'IN', value: ['10011'] },
      { field: 'name', operator: 'CONTAIN', value: '.2.' },
    ];
    const reply = await graph(server, 'act_1001/ads', { access_token: token, fields: 'name', filtering });
    expect((reply.body['data'] as { name: string }[]).map((a) => a.name)).toEqual(['Ad 1.2.1', 'Ad 1.2.2', 'Ad 1.2.3']);
  });

  it('lists the ad sets of a campaign and the ads of an ad set', async () => {
    const adsets = await graph(server, '10012/adsets', { access_token: token, fields: 'campaign_id' });
    expect((adsets.body['data'] as { campaign_id: string }[]).map((a) => a.campaign_id)).toEqual(['10012', '10012']);
    const ads = await graph(server, '100121/ads', { access_token: token });
    expect((ads.body['data'] as { id: string }[]).map((a) => a.id)).toEqual(['1001211', '1001212', '1001213']);
  });
});

describe('errors in Graph shape', () => {
  it.each([
    ['an unknown token', 'act_1001', { access_token: 'nope' }, 190, undefined],
    ['a nonexistent field', 'act_1001', { access_token: token, fields: 'name,colour' }, 100, undefined],
    ['an unknown object', '424242', { access_token: token }, 100, 33],
    ['an unknown edge', 'act_1001/widgets', { access_token: token }, 2500, undefined],
    ['a page token on ads', 'act_1001/ads', { access_token: 'PAGE-TOKEN-501' }, 200, undefined],
    [
      'a bad filtering operator',
      'act_1001/ads',
      { access_token: token, filtering: [{ field: 'id', operator: 'LIKE', value: 1 }] },
      100,
      undefined,
    ],
  ])('%s → code %i', async (_name, path, params, code, subcode) => {
    const reply = await graph(server, path, params);
    expect(reply.status).toBe(400);
    const error = errorOf(reply);
    expect(error).toMatchObject({ code, is_transient: false });
    expect(error['error_subcode']).toBe(subcode);
    expect(typeof error['message']).toBe('string');
    expect(error['fbtrace_id']).toMatch(/^\w{11}$/);
  });

  it('expires a token on request: 190 with subcode 463', async () => {
    const other = await startGraphServer(world);
    try {
      expect((await graph(other, 'me', { access_token: token })).status).toBe(200);
      other.expireToken(token);
      const reply = await graph(other, 'me', { access_token: token });
      expect(errorOf(reply)).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    } finally {
      await other.close();
    }
  });

  it('lists the accounts and pages the system user sees, pages with their tokens', async () => {
    const accounts = await graph(server, 'me/adaccounts', { access_token: token, fields: 'name' });
    expect((accounts.body['data'] as { id: string }[]).map((a) => a.id)).toEqual(['act_1001', 'act_1002']);
    const pages = await graph(server, 'me/accounts', { access_token: token, fields: 'id,access_token,username' });
    expect(pages.body['data']).toEqual([
      { id: '501', access_token: 'PAGE-TOKEN-501', username: 'acme' },
      { id: '502', access_token: 'PAGE-TOKEN-502', username: 'acme.eu' },
    ]);
  });
});
