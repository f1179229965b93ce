import { describe, expect, it } from 'vitest';
import { afterParam, cursorsFromParams, filtersFromParams } from './contact-filters';

const range = { from: '2025-03-04', to: '2025-03-10' };
const parse = (query: string) => filtersFromParams(new URLSearchParams(query), range);

describe('filtersFromParams', () => {
  it.each([
    ['source=SHORTLINK', { source: 'SHORTLINK' }],
    ['source=shortlink', {}],
    ['ref=%20spring-qr%20', { ref: 'spring-qr' }],
    ['ad=120210000000011&page=104857600000009', { ad: '120210000000011', page: '104857600000009' }],
    ['ad=ad%2012&page=acme', {}],
    ['reachability=unreachable&converted=true', { reachability: 'unreachable', converted: 'true' }],
    ['reachability=gone&converted=yes', {}],
    ['q=7310&campaign=120210000000001', { q: '7310', campaign: '120210000000001' }],
    [`q=${'x'.repeat(101)}&campaign=a%20b`, {}],
  ])('%s keeps only what the API accepts', (query, expected) => {
    const { range: r, ...filters } = parse(query);
    expect(r).toEqual(range);
    expect(Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined))).toEqual(expected);
  });
});

describe('the cursor trail', () => {
  it.each([
    ['', []],
    ['after=Q1', ['Q1']],
    ['after=Q1.Wy2_-x', ['Q1', 'Wy2_-x']],
    ['after=Q1..bad%20one', ['Q1']],
  ])('%s', (query, cursors) => {
    expect(cursorsFromParams(new URLSearchParams(query))).toEqual(cursors);
    expect(afterParam(cursors)).toBe(cursors.length ? cursors.join('.') : undefined);
  });
});
