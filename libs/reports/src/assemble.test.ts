import { compare, type Compared } from '@ctm/metrics';
import { describe, expect, it } from 'vitest';
import { assembleReport, blockRateWarnings, topAndBottom, type ReportSources } from './assemble.js';
import { REF_LINKS_LISTED } from './content.js';
import { cellUnit, reportTables } from './tables.js';

const c = (value: number | null, previous: number | null = null): Compared => compare(value, previous, 'higher');

const ref = (ref: string, newContacts: number) => ({
  source: 'SHORTLINK',
  ref,
  metrics: { newContacts: c(newContacts, 1) },
  revenue: [],
});

const sources = (): ReportSources => ({
  workspace: { slug: 'demo', name: 'Demo shop', timeZone: 'Europe/Berlin' },
  kind: 'weekly',
  week: '2026-W47',
  range: { from: '2026-11-16', to: '2026-11-22' },
  comparison: { from: '2026-11-09', to: '2026-11-15' },
  generatedAt: '2026-11-23T05:00:00.000Z',
  freshness: { lastSyncAt: '2026-11-23T04:05:00.000Z', lastWebhookAt: null },
  overview: {
    observed: { newContacts: c(40, 20), conversions: c(4, 4), conversionRate: c(0.1, 0.2) },
    byCurrency: [
      { currency: 'USD', metrics: { spend: c(30, 10) } },
      { currency: 'EUR', metrics: { spend: c(12.5, null) } },
    ],
    series: [{ day: '2026-11-16', newContacts: 40, conversions: 4, spend: { EUR: 12.5 } }],
  },
  campaigns: [{ id: 'c1', name: null, status: 'ACTIVE', currency: 'EUR', metrics: { spend: c(12.5) } }],
  refLinks: [],
  blockCounts: [],
  blockRateSettings: { threshold: 0.05, minContacts: 30 },
  policy: [],
  reconciliation: { metaConversationsStarted: 5, observedNewContacts: 3, observedReengaged: 1, gap: 1, causes: [] },
});

describe('assembling a report from the services’ answers', () => {
  it('keeps money per currency, sorted, and names a campaign without a name by its id', () => {
    const r = assembleReport(sources());
    expect(r.currencies).toEqual(['EUR', 'USD']);
    expect(r.headline.byCurrency.map((g) => [g.currency, g.figures.find((f) => f.id === 'spend')?.value])).toEqual([
      ['USD', 30],
      ['EUR', 12.5],
    ]);
    expect(r.campaigns[0]).toMatchObject({ name: 'c1', currency: 'EUR' });
    expect(r.headline.observed.find((f) => f.id === 'newContacts')).toMatchObject({
      label: 'New contacts',
      value: 40,
      previous: 20,
      relativeChange: 1,
      improved: true,
    });
    // a figure the service did not give is shown as missing, not as zero
    expect(r.headline.observed.find((f) => f.id === 'medianFirstResponse')?.value).toBeNull();
  });

  it.each([
    [3, ['a', 'b', 'c'], []],
    [REF_LINKS_LISTED + 2, 10, 2],
    [REF_LINKS_LISTED * 3, 10, 10],
  ])('with %s ref links lists the top and the bottom once each', (n, top, bottom) => {
    const rows = Array.from({ length: n }, (_, i) => ref(String.fromCharCode(97 + (i % 26)) + i, n - i));
    const r = topAndBottom(rows);
    if (Array.isArray(top)) expect(r.top.map((l) => l.ref[0])).toEqual(top);
    else expect(r.top).toHaveLength(top);
    expect(r.bottom).toHaveLength(Array.isArray(bottom) ? bottom.length : bottom);
    const refs = [...r.top, ...r.bottom].map((l) => l.ref);
    expect(new Set(refs).size).toBe(refs.length);
    // the bottom list starts with the fewest new contacts
    if (r.bottom.length > 0) expect(r.bottom[0]!.figures[0]!.value).toBe(1);
  });

  it.each([
    // new contacts, blocked, expected level
    [100, 20, 'critical'],
    [40, 3, 'warning'],
    [100, 5, null], // at the threshold: no warning
    [10, 5, null], // too few new contacts to say
  ])('%s new contacts with %s blocked: %s', (newContacts, blocked, level) => {
    const warnings = blockRateWarnings([{ by: 'campaign', rows: [{ id: 'c1', name: null, newContacts, blocked }] }], {
      threshold: 0.05,
      minContacts: 30,
    });
    expect(warnings[0]?.level ?? null).toBe(level);
  });
});

describe('the report’s tables', () => {
  const tables = reportTables(assembleReport(sources()));

  it('come in a fixed order with the summary first', () => {
    expect(tables.map((t) => t.id)).toEqual([
      'summary',
      'campaigns',
      'top_ref_links',
      'bottom_ref_links',
      'block_rate_warnings',
      'policy_enforcement',
      'reconciliation',
      'reconciliation_causes',
      'daily',
    ]);
  });

  it.each([
    ['summary', 'value', { unit: 'money', currency: 'EUR' }, (r: Record<string, unknown>) => r['currency'] === 'EUR'],
    [
      'summary',
      'value',
      { unit: 'count', currency: null },
      (r: Record<string, unknown>) => r['figure'] === 'New contacts',
    ],
    ['campaigns', 'spend', { unit: 'money', currency: 'EUR' }, () => true],
    ['daily', 'spend_USD', { unit: 'money', currency: 'USD' }, () => true],
  ])('%s.%s knows its unit and currency', (id, key, expected, pick) => {
    const table = tables.find((t) => t.id === id)!;
    const column = table.columns.find((col) => col.key === key)!;
    const row = table.rows.find(pick)!;
    expect(cellUnit(column, row)).toEqual(expected);
  });

  it('fills a day without spend in a currency with zero, not a gap', () => {
    const daily = tables.find((t) => t.id === 'daily')!;
    expect(daily.rows[0]).toEqual({
      day: '2026-11-16',
      newContacts: 40,
      conversions: 4,
      spend_EUR: 12.5,
      spend_USD: 0,
    });
  });
});
