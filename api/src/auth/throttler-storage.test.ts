import { describe, expect, it } from 'vitest';
import { advance } from './throttler-storage.js';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 25) + ms);
const MINUTE = 60_000;

describe('a login counter', () => {
  it('counts attempts in a window and blocks the one over the limit until the block ends', () => {
    let row = { hits: 0, expires_at: at(0), blocked_until: null as Date | null, now: at(0) };
    for (let i = 1; i <= 5; i++) {
      const next = advance({ ...row, now: at(i * 1000) }, MINUTE, 5, MINUTE);
      expect(next).toMatchObject({ hits: i, blockedUntil: null });
      row = { hits: next.hits, expires_at: next.expiresAt, blocked_until: next.blockedUntil, now: at(i * 1000) };
    }
    expect(row.expires_at).toEqual(at(1000 + MINUTE));
    const sixth = advance({ ...row, now: at(6000) }, MINUTE, 5, MINUTE);
    expect(sixth.blockedUntil).toEqual(at(6000 + MINUTE));
    // still blocked: the count does not move
    const during = advance({ ...row, blocked_until: sixth.blockedUntil, hits: 6, now: at(30_000) }, MINUTE, 5, MINUTE);
    expect(during).toMatchObject({ hits: 6, blockedUntil: at(6000 + MINUTE) });
    // block over: a fresh window
    const after = advance(
      { ...row, blocked_until: sixth.blockedUntil, hits: 6, now: at(6000 + MINUTE) },
      MINUTE,
      5,
      MINUTE,
    );
    expect(after).toEqual({ hits: 1, expiresAt: at(6000 + 2 * MINUTE), blockedUntil: null });
  });

  it('starts a fresh window once the last one expired', () => {
    const next = advance({ hits: 4, expires_at: at(MINUTE), blocked_until: null, now: at(MINUTE) }, MINUTE, 5, MINUTE);
    expect(next).toEqual({ hits: 1, expiresAt: at(2 * MINUTE), blockedUntil: null });
  });
});
