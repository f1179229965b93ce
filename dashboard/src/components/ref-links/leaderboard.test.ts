import { describe, expect, it } from 'vitest';
import type { RefLink } from '../../data/links/links-query';
import type { RefLinksReport } from '../../data/ref-links/ref-links-query';
import { joinLinks, searchRows, sortRows } from './leaderboard';

const range = { from: '2025-03-04', to: '2025-03-06' };
const fig = (value: number | null) => ({ value, previous: null, change: null, relativeChange: null, improved: null });
const row = (ref: string, newContacts: number, source = 'SHORTLINK') => ({
  source,
  ref,
  metrics: {
    newContacts: fig(newContacts),
    conversions: fig(1),
    conversionRate: fig(newContacts ? 1 / newContacts : null),
    blockRate: fig(0),
  },
  revenue: [],
  trend: [{ day: '2025-03-04', newContacts, conversions: 1 }],
});
const report = (rows: ReturnType<typeof row>[]): RefLinksReport => ({
  range,
  comparison: null,
  timeZone: 'Europe/Madrid',
  metrics: [],
  rows,
});
const link = (pageId: string, ref: string, label: string, campaignTag: string | null = null): RefLink => ({
  id: `${pageId}-${ref}`,
  pageId,
  pageName: null,
  ref,
  label,
  campaignTag,
  note: null,
  url: `https://m.me/${pageId}?ref=${ref}`,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
  createdBy: null,
});

describe('joinLinks', () => {
  const joined = joinLinks(
    [
      { pageId: '1', report: report([row('spring', 5), row('plugin_home', 2, 'CUSTOMER_CHAT_PLUGIN')]) },
      { pageId: '2', report: report([row('spring', 3)]) },
    ],
    [link('2', 'spring', 'Poster, shop 2', 'spring-2026'), link('1', 'brand_new', 'Flyer not yet handed out')],
    range,
    false,
  );

  it('names a row by the link of its page and ref only, and adds unvisited links with zeros', () => {
    expect(joined.map((r) => [r.pageId, r.ref, r.link?.label ?? null, r.metrics.newContacts!.value])).toEqual([
      ['1', 'spring', null, 5],
      ['1', 'plugin_home', null, 2],
      ['2', 'spring', 'Poster, shop 2', 3],
      ['1', 'brand_new', 'Flyer not yet handed out', 0],
    ]);
    const fresh = joined[3]!;
    expect(fresh.source).toBeNull();
    expect(fresh.metrics.conversionRate!.value).toBeNull();
    expect(fresh.trend).toEqual([
      { day: '2025-03-04', newContacts: 0, conversions: 0 },
      { day: '2025-03-05', newContacts: 0, conversions: 0 },
      { day: '2025-03-06', newContacts: 0, conversions: 0 },
    ]);
  });

  it.each([
    ['newContacts', 'desc', ['1/spring', '2/spring', '1/plugin_home', '1/brand_new']],
    ['newContacts', 'asc', ['1/brand_new', '1/plugin_home', '2/spring', '1/spring']],
    // no rate for a link nobody came through: last, whichever the order
    ['conversionRate', 'asc', ['1/spring', '2/spring', '1/plugin_home', '1/brand_new']],
    ['conversionRate', 'desc', ['1/plugin_home', '2/spring', '1/spring', '1/brand_new']],
    ['ref', 'asc', ['1/brand_new', '1/plugin_home', '1/spring', '2/spring']],
  ] as const)('sorts by %s %s', (key, order, expected) => {
    expect(sortRows(joined, key, order).map((r) => `${r.pageId}/${r.ref}`)).toEqual(expected);
  });

  it.each([
    ['', 4],
    ['SPRING', 2],
    ['spring-2026', 1],
    ['handed', 1],
    ['nothing', 0],
  ])('searches refs, labels and tags for %j', (q, n) => {
    expect(searchRows(joined, q)).toHaveLength(n);
  });
});
