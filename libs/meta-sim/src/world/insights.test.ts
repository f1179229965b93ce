import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, test } from 'vitest';
import type { InsightsQuery, SimInsightRow, WorldSize } from '../types.js';
import { ACTION_TYPES } from './ad-day.js';
import { DAY_MS } from './calendar.js';
import { END_DATE, eventsByPerson, load } from './fixtures.js';
import { META_INACTIVITY_DAYS } from './meta-rules.js';

const LEVELS = ['ad', 'adset', 'campaign', 'account'] as const;
const action = (row: SimInsightRow, type: string): number =>
  Number(row.actions?.find((a) => a.action_type === type)?.value ?? 0);
const cents = (row: SimInsightRow): number => Math.round(Number(row.spend) * 100);
const keyOf = (row: SimInsightRow, level: InsightsQuery['level']): string =>
  `${row.date_start}|${level === 'ad' ? row.ad_id : level === 'adset' ? row.adset_id : level === 'campaign' ? row.campaign_id : ''}`;

describe.each<[WorldSize, 1 | 'all_days', string]>([
  ['tiny', 1, '2025-03-01'],
  ['tiny', 'all_days', '2025-03-20'],
  ['small', 1, '2025-02-10'],
  ['small', 'all_days', '2025-01-01'],
])('insights of the %s world (time_increment %s, since %s)', (size, timeIncrement, since) => {
  test.each([
    ['adset', 'ad'],
    ['campaign', 'adset'],
    ['account', 'campaign'],
  ] as const)('%s rows are the exact sums of their %s rows', (parent, child) => {
    const { world } = load(size);
    for (const account of world.accounts) {
      const q = { accountId: account.id, since, until: END_DATE, timeIncrement };
      const parents = [...world.insights({ ...q, level: parent })];
      const children = [...world.insights({ ...q, level: child })];
      expect(children.length).toBeGreaterThan(0);
      const sums = new Map<string, number[]>();
      for (const row of children) {
        const k = keyOf(row, parent);
        const sum = sums.get(k) ?? [0, 0, 0, ...ACTION_TYPES.map(() => 0)];
        [cents(row), Number(row.impressions), Number(row.clicks), ...ACTION_TYPES.map((t) => action(row, t))].forEach(
          (v, i) => (sum[i] = (sum[i] ?? 0) + v),
        );
        sums.set(k, sum);
      }
      expect(parents).toHaveLength(sums.size);
      for (const row of parents) {
        expect([
          cents(row),
          Number(row.impressions),
          Number(row.clicks),
          ...ACTION_TYPES.map((t) => action(row, t)),
        ]).toEqual(sums.get(keyOf(row, parent)));
        expect(row.spend).toMatch(/^\d+\.\d\d$/);
        expect(row.account_currency).toBe(account.currency);
      }
    }
  });
});

test.each(LEVELS)('daily %s rows only exist for days with delivery, dated inside the range', (level) => {
  const { world } = load('small');
  for (const account of world.accounts) {
    const rows = [
      ...world.insights({ accountId: account.id, level, since: '2025-03-01', until: '2025-03-10', timeIncrement: 1 }),
    ];
    for (const row of rows) {
      expect(row.date_start).toBe(row.date_stop);
      expect(row.date_start >= '2025-03-01' && row.date_start <= '2025-03-10').toBe(true);
      expect(Number(row.impressions)).toBeGreaterThan(0);
    }
  }
});

describe.each<WorldSize>(['tiny', 'small'])('Meta’s counts against the people of the %s world', (size) => {
  test('follow the documented rules per ad and local day (N, S, W from truth and events)', () => {
    const { world, truth, events } = load(size);
    const byPerson = eventsByPerson(events);
    const zoneOfAd = new Map(
      world.accounts.flatMap((a) => [...world.ads(a.id)].map((ad) => [ad.id, a.timezoneName] as const)),
    );
    const expected = new Map<
      string,
      { n: number; s: number; w: number; g: number; firstReply: number; block: number }
    >();
    let crossDay = 0;
    for (const person of truth) {
      const guestPart = person.userRef === undefined ? [] : (byPerson.get(person.userRef) ?? []);
      const mine = [...guestPart, ...(byPerson.get(person.psid) ?? [])].sort((a, b) => a.time - b.time);
      person.touches.forEach((touch, i) => {
        if (touch.source !== 'ADS' || !touch.adId) return;
        const zone = zoneOfAd.get(touch.adId)!;
        const localDay = format(new TZDate(touch.at, zone), 'yyyy-MM-dd');
        if (localDay !== new Date(touch.at).toISOString().slice(0, 10)) crossDay += 1;
        const k = `${touch.adId}|${localDay}`;
        const e = expected.get(k) ?? { n: 0, s: 0, w: 0, g: 0, firstReply: 0, block: 0 };
        const until = person.touches[i + 1]?.at ?? Infinity;
        const before = mine.filter((ev) => ev.time < touch.at);
        const lastActivity = before[before.length - 1]?.time;
        if (touch.isNew) e.n += 1;
        else if (lastActivity !== undefined && touch.at - lastActivity < META_INACTIVITY_DAYS * DAY_MS) e.w += 1;
        else e.s += 1;
        const opener = mine.find((ev) => ev.time === touch.at);
        if (touch.isNew && opener?.event.postback) e.g += 1;
        const wrote = mine.some(
          (ev) => ev.time >= touch.at && ev.time < until && ev.event.message && ev.event.sender?.id === person.psid,
        );
        if (touch.isNew && wrote) e.firstReply += 1;
        if (person.blockedAt !== undefined && person.blockedAt >= touch.at && person.blockedAt < until) e.block += 1;
        expected.set(k, e);
      });
    }
    expect(crossDay).toBeGreaterThan(0);
    let checked = 0;
    let modelled = 0;
    let news = 0;
    for (const account of world.accounts) {
      for (const row of world.insights({
        accountId: account.id,
        level: 'ad',
        since: '2024-01-01',
        until: '2025-12-31',
        timeIncrement: 1,
      })) {
        const e = expected.get(`${row.ad_id}|${row.date_start}`) ?? { n: 0, s: 0, w: 0, g: 0, firstReply: 0, block: 0 };
        expected.delete(`${row.ad_id}|${row.date_start}`);
        const started = action(row, ACTION_TYPES[1]);
        const connections = action(row, ACTION_TYPES[2]);
        expect(started).toBeGreaterThanOrEqual(e.n + e.s);
        expect(connections - started).toBe(e.w + e.g);
        expect(action(row, ACTION_TYPES[3])).toBe(e.firstReply);
        expect(action(row, ACTION_TYPES[8])).toBe(e.block);
        modelled += started - e.n - e.s;
        news += e.n;
        checked += 1;
      }
    }
    // every ad touch of the truth landed on a row of its ad and local day
    expect([...expected.keys()]).toEqual([]);
    expect(checked).toBeGreaterThan(10);
    expect(modelled / news).toBeGreaterThan(0.01);
    expect(modelled / news).toBeLessThan(0.2);
  });
});

test('restatement: the last 28 days before a pull move a little, older days are frozen', () => {
  const { world } = load('small');
  const account = world.accounts[0]!;
  const q = {
    accountId: account.id,
    level: 'ad' as const,
    since: '2024-12-01',
    until: END_DATE,
    timeIncrement: 1 as const,
  };
  const early = new Date(`${END_DATE}T12:00:00Z`).getTime() - 6 * DAY_MS;
  const latest = new Map([...world.insights(q)].map((r) => [keyOf(r, 'ad'), JSON.stringify(r)]));
  const earlier = [...world.insights({ ...q, pulledAt: new Date(early) })];
  const cutoff = new Date(early - 28 * DAY_MS).toISOString().slice(0, 10);
  const pullDay = format(new TZDate(early, account.timezoneName), 'yyyy-MM-dd');
  let frozen = 0;
  let moved = 0;
  for (const row of earlier) {
    expect(row.date_start <= pullDay).toBe(true);
    const same = latest.get(keyOf(row, 'ad')) === JSON.stringify(row);
    if (row.date_start < cutoff) {
      expect(same).toBe(true);
      frozen += 1;
    } else if (!same) moved += 1;
  }
  expect(frozen).toBeGreaterThan(20);
  expect(moved).toBeGreaterThan(5);
});
