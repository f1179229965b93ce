import { RESPONSE_BUCKETS } from './response-time.js';

/**
 * Additive totals: every figure the product shows is a sum of these over a slice (days, ads, ref
 * links, sources), or a ratio of such sums. Ratios are always taken after summing, never averaged:
 * the CTR of a campaign is its clicks over its impressions, not the mean of its ads' CTRs.
 */
export const TOTALS = [
  // delivery, as Meta reports it (the ad account's time zone and currency)
  'spend',
  'impressions',
  'clicks',
  // Meta's own Messenger counts (insights actions)
  'conversationsStarted',
  'firstReplies',
  'messagingConnections',
  'metaBlocks',
  // observed through webhooks (the workspace's time zone)
  'newContacts',
  'reengagedContacts',
  'repliedNewContacts',
  'conversions',
  'convertedNewContacts',
  'revenue',
  'unreachableNewContacts',
  // the page's first response to new contacts, as a histogram (see response-time.ts)
  ...RESPONSE_BUCKETS.map((b) => b.total),
] as const;

export type TotalName = (typeof TOTALS)[number];

/** The totals Meta reports per ad (delivery and its Messenger counts). */
export const DELIVERY_TOTALS = [
  'spend',
  'impressions',
  'clicks',
  'conversationsStarted',
  'firstReplies',
  'messagingConnections',
  'metaBlocks',
] as const satisfies readonly TotalName[];
export type Totals = Record<TotalName, number>;

export function emptyTotals(): Totals {
  return Object.fromEntries(TOTALS.map((t) => [t, 0])) as Totals;
}

/** Sums totals: the only way figures of several rows combine. */
export function addTotals(...rows: Partial<Totals>[]): Totals {
  const sum = emptyTotals();
  for (const row of rows) for (const name of TOTALS) sum[name] += row[name] ?? 0;
  return sum;
}
