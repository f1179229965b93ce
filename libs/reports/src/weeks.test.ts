import { describe, expect, it } from 'vitest';
import { isoWeekOf, isoWeekRange, lastCompleteWeek, weekBefore } from './weeks.js';

describe('ISO weeks', () => {
  it.each([
    ['2026-W47', '2026-11-16', '2026-11-22'],
    ['2026-W01', '2025-12-29', '2026-01-04'], // week 1 holds the year's first Thursday
    ['2026-W53', '2026-12-28', '2027-01-03'], // 2026 has 53 weeks
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2021-W01', '2021-01-04', '2021-01-10'],
  ])('%s is %s to %s', (week, from, to) => {
    expect(isoWeekRange(week)).toEqual({ week, from, to });
  });

  it.each([
    ['2025-W53', '2025-W53 does not exist'],
    ['2026-W00', '2026-W00 does not exist'],
    ['2026-47', 'is not an ISO week'],
  ])('refuses %s', (week, message) => {
    expect(() => isoWeekRange(week)).toThrow(message);
  });

  it.each([
    ['2026-11-25', '2026-W48'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('the last complete week depends on the time zone', () => {
    // Monday 2026-11-23 03:00 UTC: already Monday in Berlin, still Sunday in Los Angeles
    const now = new Date('2026-11-23T03:00:00Z');
    expect(lastCompleteWeek(now, 'Europe/Berlin').week).toBe('2026-W47');
    expect(lastCompleteWeek(now, 'America/Los_Angeles').week).toBe('2026-W46');
  });

  it('the week before crosses years', () => {
    expect(weekBefore('2026-W01').week).toBe('2025-W52');
    expect(weekBefore('2021-W01').week).toBe('2020-W53');
  });
});
