import { describe, expect, test } from 'vitest';
import { attributeConversion } from './attribute.js';
import type { AttributionModel, Touch } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const opening: Touch = { eventId: 'e-ad', source: 'ADS', adId: 'ad1', time: 0, opensThread: true };
const reopen: Touch = { eventId: 'e-link', source: 'SHORTLINK', ref: 'winter', time: 10 * DAY, opensThread: false };
const later: Touch = { eventId: 'e-ad2', source: 'ADS', adId: 'ad2', time: 20 * DAY, opensThread: false };
const touches = [later, opening, reopen];

const first = (windowMs: number): AttributionModel => ({ kind: 'first_touch', windowMs });
const last = (windowMs: number): AttributionModel => ({ kind: 'last_touch', windowMs });

describe('attributeConversion', () => {
  test.each<[string, number, AttributionModel, Touch | undefined]>([
    ['first touch within the window', 2 * DAY, first(WEEK), opening],
    ['first touch exactly at the window edge', WEEK, first(WEEK), opening],
    ['first touch one ms past the window', WEEK + 1, first(WEEK), undefined],
    ['first touch without a window, long after', 60 * DAY, first(Infinity), opening],
    ['first touch is never a re-engagement, even when only it is in the window', 11 * DAY, first(WEEK), undefined],
    ['last touch: the opening one before any re-engagement', 2 * DAY, last(WEEK), opening],
    ['last touch: the re-engagement once it happened', 11 * DAY, last(WEEK), reopen],
    ['last touch at the very time of the conversion', 20 * DAY, last(WEEK), later],
    ['last touch without a window: the latest of all before the conversion', 15 * DAY, last(Infinity), reopen],
    [
      'last touch: an older touch still in the window when the newest is after the conversion',
      16 * DAY,
      last(WEEK),
      reopen,
    ],
    ['last touch: nothing within the window', 18 * DAY, last(WEEK), undefined],
    ['a conversion before every touch', -1, last(Infinity), undefined],
    ['a conversion before every touch (first touch)', -1, first(Infinity), undefined],
  ])('%s', (_, time, model, expected) => {
    expect(attributeConversion({ time }, touches, model)).toEqual(expected);
  });

  test('no touches: nothing to credit', () => {
    expect(attributeConversion({ time: 0 }, [], last(WEEK))).toBeUndefined();
  });

  test('ties at one time go to the larger event id, whatever the input order', () => {
    const a: Touch = { eventId: 'a', source: 'ADS', time: 5, opensThread: false };
    const b: Touch = { eventId: 'b', source: 'SHORTLINK', time: 5, opensThread: false };
    expect(attributeConversion({ time: 6 }, [a, b], last(WEEK))).toBe(b);
    expect(attributeConversion({ time: 6 }, [b, a], last(WEEK))).toBe(b);
  });

  test('touches without the opening flag: the earliest opened the thread', () => {
    const unflagged = touches.map((t) => ({ ...t, opensThread: false }));
    expect(attributeConversion({ time: DAY }, unflagged, first(WEEK))?.eventId).toBe('e-ad');
  });
});
