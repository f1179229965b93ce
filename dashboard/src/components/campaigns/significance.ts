import { twoProportionTest } from '@ctm/metrics';
import type { AdRow } from '../../data/campaigns/ad-rows-query';
import { formatCount, formatPercent } from '../../lib/number-format';
import { rowName } from './columns';

export type RateId = 'conversionRate' | 'blockRate';

export type Verdict = {
  metric: RateId;
  /** e.g. "B converts better than A: 95% confident", or "…: no real difference yet" */
  sentence: string;
  significant: boolean;
  /** the rates and counts behind it */
  detail: string;
};

// the API gives each rate with its denominator: successes are rate × new contacts, whole people
const proportion = (row: AdRow, metric: RateId) => {
  const trials = row.metrics.newContacts?.value ?? 0;
  const rate = row.metrics[metric]?.value ?? 0;
  return { successes: Math.round(rate * trials), trials };
};

/** The highest usual confidence at which the two rates differ (99 or 95 %), or null: could be noise. */
function confidence(a: AdRow, b: AdRow, metric: RateId): number | null {
  for (const level of [0.99, 0.95]) {
    const test = twoProportionTest(proportion(b, metric), proportion(a, metric), level);
    if (test?.significant) return level;
  }
  return null;
}

/**
 * Whether B's conversion (or block) rate really differs from A's, in a sentence: the two-proportion
 * z-test of libs/metrics on their new contacts, the same the API runs against the previous period.
 */
export function verdict(a: AdRow, b: AdRow, metric: RateId, locale?: string): Verdict {
  const [pa, pb] = [proportion(a, metric), proportion(b, metric)];
  const [nameA, nameB] = [rowName(a), rowName(b)];
  const what = metric === 'conversionRate' ? 'converted' : 'blocked the page';
  const share = (p: { successes: number; trials: number }, name: string) =>
    `${name}: ${formatCount(p.successes, locale)} of ${formatCount(p.trials, locale)} new contacts ${what} (${formatPercent(p.trials ? p.successes / p.trials : null, locale)})`;
  const few = pa.successes + pb.successes < 10 ? '; few people so far, so the test is rough' : '';
  const detail = `${share(pb, nameB)}; ${share(pa, nameA)}${few}.`;
  const label = metric === 'conversionRate' ? 'Conversion rate' : 'Block rate';
  if (pa.trials === 0 || pb.trials === 0)
    return {
      metric,
      significant: false,
      detail,
      sentence: `${label}, ${nameB} against ${nameA}: no real difference yet`,
    };
  const level = confidence(a, b, metric);
  if (level === null)
    return {
      metric,
      significant: false,
      detail,
      sentence: `${label}, ${nameB} against ${nameA}: no real difference yet`,
    };
  const bHigher = pb.successes / pb.trials > pa.successes / pa.trials;
  const [high, low] = bHigher ? [nameB, nameA] : [nameA, nameB];
  const sentence =
    metric === 'conversionRate'
      ? `${high} converts better than ${low}: ${formatPercent(level, locale)} confident`
      : `${high} is blocked more often than ${low}: ${formatPercent(level, locale)} confident`;
  return { metric, significant: true, detail, sentence };
}

/** Each picked campaign against the first picked, for both rates. */
export const verdicts = (picked: AdRow[], locale?: string): Verdict[] =>
  picked
    .slice(1)
    .flatMap((b) => [verdict(picked[0]!, b, 'conversionRate', locale), verdict(picked[0]!, b, 'blockRate', locale)]);
