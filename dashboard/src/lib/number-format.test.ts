import { describe, expect, it } from 'vitest';
import { formatChange, formatCount, formatDuration, formatMoney, formatMultiple, formatPercent } from './number-format';

describe('figures in the user locale', () => {
  it.each([
    ['en-US', 1234567, '1,234,567'],
    ['de-DE', 1234567, '1.234.567'],
    ['en-US', null, '–'],
  ])('a count in %s: %s is %s', (locale, n, text) => {
    expect(formatCount(n, locale)).toBe(text);
  });

  it.each([
    ['en-US', 1234.5, 'EUR', '€1,234.50'],
    ['de-DE', 1234.5, 'EUR', '1.234,50\u00a0€'],
    ['en-GB', 0.42, 'GBP', '£0.42'],
    ['en-US', null, 'USD', '–'],
  ])('money in %s: %s %s is %s', (locale, n, currency, text) => {
    expect(formatMoney(n, currency, locale)).toBe(text);
  });

  it.each([
    ['en-US', 0.0345, '3.5%'],
    ['de-DE', 0.0345, '3,5\u00a0%'],
    ['en-US', 1, '100%'],
    ['en-US', null, '–'],
  ])('a ratio in %s: %s is %s', (locale, ratio, text) => {
    expect(formatPercent(ratio, locale)).toBe(text);
  });

  it('writes a multiple with a times sign', () => {
    expect(formatMultiple(2.456, 'en-US')).toBe('2.46×');
  });
});

describe('durations in words', () => {
  it.each([
    [31_000, '31 sec'],
    [400, '0 sec'],
    [4 * 60_000 + 10_000, '4 min'],
    [2 * 3_600_000, '2 hr'],
    [2.5 * 3_600_000, '2.5 hr'],
    [36 * 3_600_000, '1.5 days'],
    [null, '–'],
  ])('%s ms is %s in en-US', (ms, text) => {
    expect(formatDuration(ms, 'en-US')).toBe(text);
  });

  it('follows the locale', () => {
    expect(formatDuration(31_000, 'fr-FR')).toMatch(/^31\ss$/);
    expect(formatDuration(2 * 3_600_000, 'fr-FR')).toMatch(/^2\sh$/);
  });
});

describe('changes against the comparison period', () => {
  const c = (change: number | null, relativeChange: number | null) => ({ change, relativeChange });
  it.each([
    [c(12, 0.12), 'count' as const, '+12%'],
    [c(-3, -0.25), 'money' as const, '-25%'],
    [c(5, null), 'count' as const, '+5'],
    [c(0.012, 0.5), 'ratio' as const, '+1.2 pp'],
    [c(-60_000, -0.5), 'duration_ms' as const, '−1 min'],
    [c(0.5, 0.25), 'multiple' as const, '+0.5×'],
    [c(null, null), 'count' as const, '–'],
  ])('%o in %s is %s', (change, unit, text) => {
    expect(formatChange(change, unit, 'EUR', 'en-US')).toBe(text);
  });
});
