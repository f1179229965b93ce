import { expect, test } from 'vitest';
import { comparisonRange, daysOf, isDay, rangeDays, shiftDay } from './periods.js';

test('days are real calendar days', () => {
  expect(isDay('2026-02-28')).toBe(true);
  expect(isDay('2024-02-29')).toBe(true);
  expect(isDay('2026-02-29')).toBe(false);
  expect(isDay('2026-13-01')).toBe(false);
  expect(isDay('26-01-01')).toBe(false);
});

test('ranges are inclusive', () => {
  expect(rangeDays({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
  expect(daysOf({ from: '2026-02-27', to: '2026-03-01' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
});

test('days shift across month, year and leap-day ends, either way', () => {
  expect(shiftDay('2026-02-28', 1)).toBe('2026-03-01');
  expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
  expect(shiftDay('2027-01-01', -1)).toBe('2026-12-31');
  expect(shiftDay('2026-03-29', 0)).toBe('2026-03-29');
});

test('the comparison period: previous, a year earlier, or explicit', () => {
  const nov = { from: '2026-11-01', to: '2026-11-30' };
  expect(comparisonRange(nov, 'previous')).toEqual({ from: '2026-10-02', to: '2026-10-31' });
  expect(comparisonRange({ from: '2026-03-01', to: '2026-03-07' }, 'previous')).toEqual({
    from: '2026-02-22',
    to: '2026-02-28',
  });
  expect(comparisonRange(nov, 'year')).toEqual({ from: '2025-11-01', to: '2025-11-30' });
  expect(comparisonRange(nov, '2026-09-01,2026-09-30')).toEqual({ from: '2026-09-01', to: '2026-09-30' });
  expect(() => comparisonRange(nov, 'last-month')).toThrow(/previous, year, or two days/);
  expect(() => comparisonRange(nov, '2026-09-30,2026-09-01')).toThrow(/after its last/);
  expect(() => comparisonRange(nov, '2024-01-01,2026-01-01')).toThrow(/more than 366 days/);
});
