import { describe, expect, test } from 'vitest';
import type { WorldSize } from '../types.js';
import { createWorld } from './create-world.js';
import { END_DATE, load } from './fixtures.js';

const SIZES: WorldSize[] = ['tiny', 'small'];
const graphMs = (time: string): number => Date.parse(time.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));

describe.each(SIZES)('the %s world', (size) => {
  test('ids look like Graph ids and ref links obey Meta’s alphabet', () => {
    const { world } = load(size);
    for (const a of world.accounts) {
      expect(a.id).toMatch(/^act_\d{15,17}$/);
      expect(a.id).toBe(`act_${a.accountId}`);
      const ads = [...world.ads(a.id)];
      expect(ads.length).toBeGreaterThan(0);
      for (const ad of ads) {
        expect(ad.id).toMatch(/^\d{15,17}$/);
        expect(world.pages.map((p) => p.id)).toContain(ad.pageId);
        expect(ad.adTitle.length).toBeGreaterThan(0);
      }
    }
    expect(world.refLinks.length).toBeGreaterThan(0);
    for (const ref of world.refLinks) expect(ref.ref).toMatch(/^[A-Za-z0-9_=-]+$/);
    expect(new Set(world.refLinks.map((r) => r.kind))).toEqual(new Set(['link', 'qr', 'plugin']));
  });

  test('current name and status reflect the last change of the history', () => {
    const { world } = load(size);
    for (const a of world.accounts) {
      for (const object of [...world.campaigns(a.id), ...world.adsets(a.id), ...world.ads(a.id)]) {
        const named = object.history.filter((c) => c.name !== undefined);
        const statused = object.history.filter((c) => c.status !== undefined);
        expect(object.name).toBe(named[named.length - 1]?.name);
        expect(object.status).toBe(statused[statused.length - 1]?.status);
        expect(graphMs(object.createdTime)).toBeLessThanOrEqual(graphMs(object.updatedTime));
        expect(object.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/);
      }
    }
  });

  test('two runs with the same seed are identical, byte for byte; another seed differs', () => {
    const dump = (seed: number): string => {
      const world = createWorld({ seed, size, endDate: END_DATE });
      const to = Date.parse(`${END_DATE}T00:00:00Z`);
      const account = world.accounts[0]!;
      const insights = world.insights({
        accountId: account.id,
        level: 'ad',
        since: '2025-01-01',
        until: END_DATE,
        timeIncrement: 1,
      });
      const structure = {
        accounts: world.accounts,
        pages: world.pages,
        refs: world.refLinks,
        ads: [...world.ads(account.id)],
      };
      return JSON.stringify([
        structure,
        [...world.events(to - 10 * 86_400_000, to)],
        [...world.truth()],
        [...insights],
      ]);
    };
    const first = dump(5);
    expect(first.length).toBeGreaterThan(10_000);
    expect(dump(5)).toBe(first);
    expect(dump(6)).not.toBe(first);
  });
});

test('the small world has an account outside UTC and one outside USD, and both tiers', () => {
  const { world } = load('small');
  expect(world.accounts.some((a) => a.timezoneName !== 'UTC')).toBe(true);
  expect(world.accounts.some((a) => a.currency !== 'USD')).toBe(true);
  expect(new Set(world.accounts.map((a) => a.tier))).toEqual(new Set(['development', 'standard']));
});

test('the medium world has the demo’s shape: 2 pages, 2 accounts, about 40 ads, 180 days', () => {
  const world = createWorld({ seed: 3, size: 'medium', endDate: END_DATE });
  expect(world.pages).toHaveLength(2);
  expect(world.accounts).toHaveLength(2);
  const ads = world.accounts.flatMap((a) => [...world.ads(a.id)]);
  expect(ads.length).toBeGreaterThanOrEqual(35);
  expect(ads.length).toBeLessThanOrEqual(45);
  expect(ads.some((ad) => ad.history.some((c) => c.name !== undefined && c.name !== ad.history[0]?.name))).toBe(true);
  expect(ads.some((ad) => ad.history.some((c) => c.status === 'PAUSED'))).toBe(true);
});

test('people are in the world’s time span and PSIDs are numeric and unique per page', () => {
  const { truth, world } = load('small');
  const seen = new Set<string>();
  for (const person of truth) {
    expect(person.psid).toMatch(/^\d{15,17}$/);
    expect(seen.has(person.pageId + person.psid)).toBe(false);
    seen.add(person.pageId + person.psid);
    expect(person.touches[0]?.isNew).toBe(true);
    expect(person.touches.slice(1).every((t) => !t.isNew)).toBe(true);
  }
  expect(truth.length).toBeGreaterThan(500);
  expect(world.options.endDate).toBe(END_DATE);
});

test('rates differ by source so comparisons have something to find: block rates by ref, conversions by ad', () => {
  const { truth } = load('medium', 7);
  const rate = (
    key: (p: (typeof truth)[number]) => string | undefined,
    hit: (p: (typeof truth)[number]) => boolean,
  ): number[] => {
    const groups = new Map<string, [number, number]>();
    for (const p of truth) {
      const k = key(p);
      if (k === undefined) continue;
      const g = groups.get(k) ?? [0, 0];
      g[0] += hit(p) ? 1 : 0;
      g[1] += 1;
      groups.set(k, g);
    }
    return [...groups.values()].filter(([, n]) => n >= 150).map(([h, n]) => h / n);
  };
  const blocks = rate(
    (p) => (p.touches[0]?.source === 'SHORTLINK' ? p.pageId + p.touches[0].ref : undefined),
    (p) => p.blockedAt !== undefined,
  );
  expect(blocks.length).toBeGreaterThan(3);
  expect(Math.max(...blocks)).toBeGreaterThan(2 * Math.min(...blocks));
  const converts = rate(
    (p) => p.touches[0]?.adId,
    (p) => p.conversions.length > 0,
  );
  expect(converts.length).toBeGreaterThan(5);
  expect(Math.max(...converts)).toBeGreaterThan(1.8 * Math.min(...converts));
}, 30_000);
