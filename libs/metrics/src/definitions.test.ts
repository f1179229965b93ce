import { describe, expect, it, test } from 'vitest';
import { compare } from './compare.js';
import { METRIC_IDS, isMetricId, metric, readsDelivery } from './definitions.js';
import { addTotals, emptyTotals } from './totals.js';

test('ratios are taken after summing, never averaged', () => {
  const adA = { spend: 100, impressions: 10_000, clicks: 100, newContacts: 10, convertedNewContacts: 5 };
  const adB = { spend: 50, impressions: 1_000, clicks: 50, newContacts: 40, convertedNewContacts: 4 };
  const campaign = addTotals(adA, adB);
  expect(metric('ctr').value(campaign)).toBeCloseTo(150 / 11_000);
  expect(metric('cpm').value(campaign)).toBeCloseTo((150 / 11_000) * 1000);
  expect(metric('costPerNewContact').value(campaign)).toBeCloseTo(3);
  expect(metric('conversionRate').value(campaign)).toBeCloseTo(9 / 50);
});

test('a ratio over zero is undefined, not zero', () => {
  const t = emptyTotals();
  for (const id of ['ctr', 'cpm', 'cpc', 'costPerNewContact', 'conversionRate', 'blockRate', 'roas'] as const)
    expect(metric(id).value(t)).toBeNull();
  expect(metric('newContacts').value(t)).toBe(0);
});

test('every metric is defined once, with a unit, a direction and a sentence', () => {
  expect(new Set(METRIC_IDS).size).toBe(METRIC_IDS.length);
  for (const id of METRIC_IDS) {
    const m = metric(id);
    expect(m.id).toBe(id);
    expect(m.description).toMatch(/\.$/);
    expect(['higher', 'lower', 'neither']).toContain(m.better);
  }
  expect(isMetricId('blockRate')).toBe(true);
  expect(isMetricId('toString')).toBe(false);
  expect(isMetricId('bounceRate')).toBe(false);
});

test('a change is good news by the metric’s direction', () => {
  expect(compare(0.12, 0.1, 'higher')).toMatchObject({ improved: true });
  expect(compare(0.12, 0.1, 'higher').relativeChange).toBeCloseTo(0.2);
  expect(compare(4, 5, 'lower')).toMatchObject({ change: -1, relativeChange: -0.2, improved: true });
  expect(compare(5, 0, 'higher')).toMatchObject({ change: 5, relativeChange: null, improved: true });
  expect(compare(5, 5, 'higher')).toMatchObject({ improved: null });
  expect(compare(100, 80, 'neither')).toMatchObject({ improved: null });
  expect(compare(null, 3, 'higher')).toMatchObject({ change: null, improved: null });
});

describe('which metrics need delivery figures', () => {
  it.each([
    ['spend', true],
    ['ctr', true],
    ['costPerNewContact', true],
    ['roas', true],
    ['conversationsStarted', true],
    ['newContacts', false],
    ['conversionRate', false],
    ['revenue', false],
    ['blockRate', false],
    ['medianFirstResponse', false],
  ] as const)('%s: %s', (id, expected) => {
    expect(readsDelivery(id)).toBe(expected);
  });
});
