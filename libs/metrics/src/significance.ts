import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export type Proportion = { successes: number; trials: number };

export type ProportionTest = {
  p1: number;
  p2: number;
  /** p1 − p2 */
  difference: number;
  z: number;
  /** two-sided, under the pooled null hypothesis p1 = p2 */
  pValue: number;
  /** confidence interval of the difference (Wald, unpooled) */
  interval: [number, number];
  confidence: number;
  /** the interval excludes zero: the difference is unlikely to be noise */
  significant: boolean;
};

/**
 * Two-proportion z-test: is the conversion (or block) rate of one group really different from
 * another's, or noise? Textbook form: pooled standard error for the test, unpooled for the interval.
 * Null when a group is empty. With few successes (fewer than about 5 per group) the normal
 * approximation is rough; callers should say so.
 */
export function twoProportionTest(a: Proportion, b: Proportion, confidence = 0.95): ProportionTest | null {
  if (a.trials <= 0 || b.trials <= 0) return null;
  const p1 = a.successes / a.trials;
  const p2 = b.successes / b.trials;
  const difference = p1 - p2;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  const z = pooledSe === 0 ? 0 : difference / pooledSe;
  const pValue = pooledSe === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(z), 0, 1));
  const critical = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const se = Math.sqrt((p1 * (1 - p1)) / a.trials + (p2 * (1 - p2)) / b.trials);
  const interval: [number, number] = [difference - critical * se, difference + critical * se];
  return {
    p1,
    p2,
    difference,
    z,
    pValue,
    interval,
    confidence,
    significant: interval[0] > 0 || interval[1] < 0,
  };
}
