import { describe, expect, it } from 'vitest';
import type { TokenInfo } from './connections-graph.js';
import { healthOf } from './token-health.js';

const now = new Date('2026-03-01T12:00:00Z');
const info = (over: Partial<TokenInfo>): TokenInfo => ({
  valid: true,
  kind: 'system_user',
  metaUserId: '1',
  appId: '2',
  profileId: null,
  scopes: [],
  expiresAt: null,
  error: null,
  ...over,
});
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe('healthOf', () => {
  it.each([
    ['a token that never expires', info({}), 'ok'],
    ['a token expiring in 30 days', info({ expiresAt: inDays(30) }), 'ok'],
    ['a token expiring in 7 days', info({ expiresAt: inDays(7) }), 'expiring'],
    ['a token expiring tomorrow', info({ expiresAt: inDays(1) }), 'expiring'],
    ['a token Meta calls invalid', info({ valid: false, error: 'Session has expired.' }), 'invalid'],
  ])('%s is %s', (_name, given, status) => {
    const health = healthOf(given, now);
    expect(health.status).toBe(status);
    expect(health.detail === null).toBe(status === 'ok');
  });

  it('says when an expiring token expires and what to do', () => {
    expect(healthOf(info({ expiresAt: inDays(2) }), now).detail).toBe(
      'The token expires on 2026-03-03 12:00 UTC: connect again with a new token before then.',
    );
  });
});
