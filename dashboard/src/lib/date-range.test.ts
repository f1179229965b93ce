import { describe, expect, it } from 'vitest';
import {
  addDays,
  isDay,
  presetOf,
  presetRange,
  previousPeriod,
  rangeDays,
  rangeFromParams,
  rangeParams,
  rangeProblem,
  startOfWeek,
  today,
  type PresetId,
} from './date-range';

// Wednesday 25 November 2026
const WED = '2026-11-25';

describe('day arithmetic on YYYY-MM-DD', () => {
  it.each([
    ['2026-11-25', 1, '2026-11-26'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-03-29', 1, '2026-03-30'], // a daylight-saving change in Europe shifts nothing
    ['2026-11-25', -89, '2026-08-28'],
  ])('%s + %i days is %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it.each([
    ['2026-11-25', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['26-11-25', false],
    ['', false],
  ])('isDay(%s) is %s', (text, expected) => {
    expect(isDay(text)).toBe(expected);
  });

  it.each([
    ['2026-11-25', '2026-11-23'],
    ['2026-11-23', '2026-11-23'],
    ['2026-11-29', '2026-11-23'], // Sunday belongs to the week that started on Monday
    ['2026-01-01', '2025-12-29'],
  ])('the week of %s starts on Monday %s', (day, monday) => {
    expect(startOfWeek(day)).toBe(monday);
  });

  it('counts both ends of a range, and takes today from the local clock', () => {
    expect(rangeDays({ from: '2026-11-01', to: '2026-11-30' })).toBe(30);
    expect(rangeDays({ from: '2026-11-25', to: '2026-11-25' })).toBe(1);
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('presets, seen from Wednesday 25 November 2026', () => {
  it.each<[PresetId, string, string]>([
    ['last7', '2026-11-19', '2026-11-25'],
    ['last28', '2026-10-29', '2026-11-25'],
    ['last90', '2026-08-28', '2026-11-25'],
    ['thisWeek', '2026-11-23', '2026-11-25'],
    ['lastWeek', '2026-11-16', '2026-11-22'],
    ['thisMonth', '2026-11-01', '2026-11-25'],
    ['lastMonth', '2026-10-01', '2026-10-31'],
  ])('%s is %s to %s, and is recognised again', (preset, from, to) => {
    expect(presetRange(preset, WED)).toEqual({ from, to });
    expect(presetOf({ from, to }, WED)).toBe(preset);
  });

  it('last month from January is December, and from 1 March a whole February', () => {
    expect(presetRange('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('lastMonth', '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('calls any other range custom', () => {
    expect(presetOf({ from: '2026-11-02', to: '2026-11-20' }, WED)).toBe('custom');
  });
});

describe('the range in the URL', () => {
  const parse = (search: string) => rangeFromParams(new URLSearchParams(search), WED);

  it('reads a range and a comparison, and writes them back', () => {
    const state = parse('view=overview&from=2026-11-01&to=2026-11-14&compare=previous');
    expect(state).toEqual({ range: { from: '2026-11-01', to: '2026-11-14' }, comparison: 'previous' });
    expect(rangeParams(state)).toEqual({ from: '2026-11-01', to: '2026-11-14', compare: 'previous' });
    expect(rangeParams({ ...state, comparison: 'off' }).compare).toBeUndefined();
  });

  it.each([
    [''],
    ['from=2026-11-01'],
    ['from=2026-11-14&to=2026-11-01'],
    ['from=2026-02-30&to=2026-03-02'],
    ['from=2024-01-01&to=2026-01-01'],
  ])('falls back to the last 28 days without comparison for "%s"', (search) => {
    expect(parse(search)).toEqual({ range: { from: '2026-10-29', to: '2026-11-25' }, comparison: 'off' });
  });

  it('compares with the period just before, as long', () => {
    expect(previousPeriod({ from: '2026-11-19', to: '2026-11-25' })).toEqual({ from: '2026-11-12', to: '2026-11-18' });
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-31' })).toEqual({ from: '2026-08-31', to: '2026-09-30' });
  });

  it.each([
    ['2026-11-01', '2026-11-14', null],
    ['', '2026-11-14', 'Pick both a first and a last day.'],
    ['2026-11-15', '2026-11-14', 'The first day is after the last.'],
    ['2025-01-01', '2026-11-14', 'A range can be at most 366 days.'],
  ])('a custom range %s to %s: %s', (from, to, problem) => {
    expect(rangeProblem(from, to)).toBe(problem);
  });
});
