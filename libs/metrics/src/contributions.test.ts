import fc from 'fast-check';
import { expect, test } from 'vitest';
import { contributions, dayIn, rollupDelta, rollupKeyId, type ContactFacts, type RollupRow } from './contributions.js';

const T = Date.parse('2026-11-24T23:30:00Z');
const HOUR = 3_600_000;
const facts: ContactFacts = {
  pageId: '101',
  firstSeenAt: T,
  firstTouch: { source: 'ADS', adId: 'ad1' },
  inboundMessages: 3,
  reachability: 'unreachable',
  reengagements: [{ time: T + 48 * HOUR, source: 'SHORTLINK', ref: 'spring' }],
  conversions: [
    { time: T + 49 * HOUR, value: 30, currency: 'EUR', credited: { source: 'SHORTLINK', ref: 'spring' } },
    { time: T + 50 * HOUR, value: null, currency: null, credited: null },
  ],
};

test('the day is the calendar day in the workspace’s time zone', () => {
  expect(dayIn('UTC', T)).toBe('2026-11-24');
  expect(dayIn('Europe/Paris', T)).toBe('2026-11-25');
  expect(dayIn('America/New_York', T)).toBe('2026-11-24');
});

test('a contact adds its opening, re-engagements and conversions, each on its own day and touch', () => {
  const rows = contributions(facts, 'UTC');
  const by = (day: string, source: string, currency = '') =>
    rows.find((r) => r.day === day && r.source === source && r.currency === currency);
  expect(by('2026-11-24', 'ADS')).toMatchObject({
    adId: 'ad1',
    newContacts: 1,
    repliedNewContacts: 1,
    convertedNewContacts: 1,
    unreachableNewContacts: 1,
    conversions: 0,
  });
  expect(by('2026-11-26', 'SHORTLINK')).toMatchObject({ ref: 'spring', reengagedContacts: 1, conversions: 0 });
  expect(by('2026-11-27', 'SHORTLINK', 'EUR')).toMatchObject({ ref: 'spring', conversions: 1, revenue: 30 });
  expect(by('2026-11-27', 'UNCREDITED')).toMatchObject({ conversions: 1, revenue: 0 });
  expect(contributions(null, 'UTC')).toEqual([]);
});

const sum = (rows: RollupRow[]) => {
  const totals = new Map<string, RollupRow>();
  for (const r of rows) {
    const t = totals.get(rollupKeyId(r)) ?? {
      ...r,
      newContacts: 0,
      repliedNewContacts: 0,
      convertedNewContacts: 0,
      unreachableNewContacts: 0,
      reengagedContacts: 0,
      conversions: 0,
      revenue: 0,
    };
    for (const k of [
      'newContacts',
      'repliedNewContacts',
      'convertedNewContacts',
      'unreachableNewContacts',
      'reengagedContacts',
      'conversions',
      'revenue',
    ] as const)
      t[k] += r[k];
    totals.set(rollupKeyId(r), t);
  }
  return [...totals.values()]
    .filter(
      (r) =>
        r.newContacts ||
        r.reengagedContacts ||
        r.conversions ||
        r.revenue ||
        r.repliedNewContacts ||
        r.convertedNewContacts ||
        r.unreachableNewContacts,
    )
    .sort((a, b) => (rollupKeyId(a) < rollupKeyId(b) ? -1 : 1));
};

const arbFacts: fc.Arbitrary<ContactFacts | null> = fc.option(
  fc.record({
    pageId: fc.constantFrom('101', '102'),
    firstSeenAt: fc.integer({ min: T, max: T + 72 * HOUR }),
    firstTouch: fc.record({
      source: fc.constantFrom('ADS', 'SHORTLINK', 'ORGANIC'),
      adId: fc.constantFrom('ad1', undefined),
    }),
    inboundMessages: fc.integer({ min: 0, max: 4 }),
    reachability: fc.constantFrom('unknown' as const, 'reachable' as const, 'unreachable' as const),
    reengagements: fc.array(
      fc.record({
        time: fc.integer({ min: T, max: T + 72 * HOUR }),
        source: fc.constantFrom('ADS', 'SHORTLINK'),
        ref: fc.constantFrom('a', undefined),
      }),
      { maxLength: 2 },
    ),
    conversions: fc.array(
      fc.record({
        time: fc.integer({ min: T, max: T + 72 * HOUR }),
        value: fc.constantFrom(10, null),
        currency: fc.constantFrom('EUR', null),
        credited: fc.option(fc.record({ source: fc.constantFrom('ADS', 'SHORTLINK') })),
      }),
      { maxLength: 2 },
    ),
  }),
);

test('applying each state change’s delta keeps the rollup equal to the current contributions', () => {
  fc.assert(
    fc.property(fc.array(arbFacts, { minLength: 1, maxLength: 6 }), (states) => {
      let rollup: RollupRow[] = [];
      let previous: RollupRow[] = [];
      for (const state of states) {
        const next = contributions(state, 'Europe/Paris');
        rollup = sum([...rollup, ...rollupDelta(previous, next)]);
        previous = next;
      }
      expect(rollup).toEqual(sum(previous));
    }),
  );
});
