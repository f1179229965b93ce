import { describe, expect, it } from 'vitest';
import { addFilters, filtersFromParams, filtersKey, moneyApplies } from './filters';

describe('filters in the URL', () => {
  it('reads the valid ones and ignores malformed values', () => {
    const params = new URLSearchParams('account=act_123&page=42&source=ADS&campaign=1');
    expect(filtersFromParams(params)).toEqual({ account: 'act_123', page: '42', source: 'ADS' });
    expect(filtersFromParams(new URLSearchParams('account=123&page=abc&source=ads'))).toEqual({});
    expect(filtersFromParams(params, ['account'])).toEqual({ account: 'act_123' });
  });

  it('adds them to an API path and to a query key in a stable order', () => {
    const filters = { source: 'ADS', account: 'act_1' };
    expect(addFilters(new URLSearchParams({ from: '2026-11-01' }), filters).toString()).toBe(
      'from=2026-11-01&account=act_1&source=ADS',
    );
    expect(filtersKey(filters)).toBe('account=act_1&source=ADS');
    expect(filtersKey({})).toBe('');
  });

  it.each([
    [{}, true],
    [{ account: 'act_1' }, true],
    [{ source: 'ADS' }, true],
    [{ source: 'SHORTLINK' }, false],
    [{ page: '42' }, false],
  ])('money figures apply with %j: %s', (filters, expected) => {
    expect(moneyApplies(filters)).toBe(expected);
  });
});
