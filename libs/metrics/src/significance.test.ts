import { expect, test } from 'vitest';
import { twoProportionTest } from './significance.js';

// expected values computed independently (erfc and the 0.975 normal quantile 1.959963984540054)
test.each([
  // 120/200 vs 240/500: a real difference
  [{ successes: 120, trials: 200 }, { successes: 240, trials: 500 }, 2.86972, 0.00410835, [0.039208, 0.200792], true],
  // 38/100 vs 102/200: significant at 95%, barely
  [{ successes: 38, trials: 100 }, { successes: 102, trials: 200 }, -2.127624, 0.0333682, [-0.247688, -0.012312], true],
  // equal rates: no difference
  [{ successes: 45, trials: 300 }, { successes: 45, trials: 300 }, 0, 1, [-0.057142, 0.057142], false],
] as const)('%o vs %o: z %f, p %f', (a, b, z, p, [lo, hi], significant) => {
  const r = twoProportionTest(a, b)!;
  expect(r.z).toBeCloseTo(z, 5);
  expect(r.pValue).toBeCloseTo(p, 6);
  expect(r.interval[0]).toBeCloseTo(lo, 5);
  expect(r.interval[1]).toBeCloseTo(hi, 5);
  expect(r.significant).toBe(significant);
});

test('a wider confidence gives a wider interval', () => {
  const a = { successes: 38, trials: 100 };
  const b = { successes: 102, trials: 200 };
  const r95 = twoProportionTest(a, b)!;
  const r99 = twoProportionTest(a, b, 0.99)!;
  expect(r99.interval[1] - r99.interval[0]).toBeGreaterThan(r95.interval[1] - r95.interval[0]);
  expect(r99.significant).toBe(false);
});

test('an empty group has no test; all-or-nothing groups have no variance', () => {
  expect(twoProportionTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 })).toBeNull();
  expect(twoProportionTest({ successes: 0, trials: 50 }, { successes: 0, trials: 80 })).toMatchObject({
    z: 0,
    pValue: 1,
    significant: false,
  });
});
