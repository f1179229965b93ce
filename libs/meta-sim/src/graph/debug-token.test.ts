import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWorld } from './fake-world.js';
import { startGraphServer, type GraphServer } from './server.js';
import { errorOf, graph } from './test-helpers.js';

const world = fakeWorld();
const system = world.systemUserToken;
const now = Date.parse('2025-07-01T12:00:00Z');
let server: GraphServer;

beforeAll(async () => {
  server = await startGraphServer(world, { now: () => now });
});
afterAll(() => server.close());

const debug = async (input: string, caller = input) =>
  (await graph(server, 'debug_token', { access_token: caller, input_token: input })).body['data'] as Record<
    string,
    unknown
  >;

describe('debug_token', () => {
  it.each([
    ['the system-user token', system, { type: 'SYSTEM_USER', user_id: '100000000000001' }],
    ['a page token', 'PAGE-TOKEN-501', { type: 'PAGE', profile_id: '501' }],
  ])('describes %s: valid, never expiring, with its app and scopes', async (_name, input, owner) => {
    const data = await debug(input);
    expect(data).toMatchObject({ ...owner, app_id: world.appId, is_valid: true, expires_at: 0 });
    expect(data['scopes']).toEqual(expect.arrayContaining(['pages_messaging']));
  });

  it('reports the expiry set on the server, in seconds', async () => {
    const other = await startGraphServer(world, { now: () => now });
    try {
      other.setTokenExpiry(system, now + 3 * 86_400_000);
      const reply = await graph(other, 'debug_token', { access_token: system, input_token: system });
      expect((reply.body['data'] as Record<string, unknown>)['expires_at']).toBe(Math.floor(now / 1000) + 3 * 86_400);
    } finally {
      await other.close();
    }
  });

  it('says an unknown token is not valid, and an expired one when asked with another token', async () => {
    expect(await debug('NOT-A-TOKEN', system)).toMatchObject({ is_valid: false, error: { code: 190 } });
    const other = await startGraphServer(world, { now: () => now });
    try {
      other.expireToken('PAGE-TOKEN-502');
      const reply = await graph(other, 'debug_token', { access_token: system, input_token: 'PAGE-TOKEN-502' });
      expect(reply.body['data']).toMatchObject({ is_valid: false, type: 'PAGE', error: { code: 190, subcode: 463 } });
      // asked with the expired token itself, Graph refuses the call as for any other
      const self = await graph(other, 'debug_token', { access_token: 'PAGE-TOKEN-502', input_token: 'PAGE-TOKEN-502' });
      expect(errorOf(self)).toMatchObject({ code: 190, error_subcode: 463 });
    } finally {
      await other.close();
    }
  });

  it('needs input_token', async () => {
    expect(errorOf(await graph(server, 'debug_token', { access_token: system }))['code']).toBe(100);
  });
});
