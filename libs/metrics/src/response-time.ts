/**
 * The page's first-response time (from a new contact's first own event to the page's first
 * message after it) is not additive: a median over a month is not a sum of daily medians. So the
 * rollups keep a histogram, contacts counted per bucket of response time, which does add up; the
 * median is read from the summed histogram, interpolated within its bucket. Its error is at most
 * the width of the bucket it falls in, and the buckets are narrow where response times usually are.
 */

/** Each bucket: the total that counts it, and its upper bound in seconds (the last has none). */
export const RESPONSE_BUCKETS = [
  { total: 'respondedWithin1m', upTo: 60 },
  { total: 'responded1to5m', upTo: 300 },
  { total: 'responded5to15m', upTo: 900 },
  { total: 'responded15to30m', upTo: 1_800 },
  { total: 'responded30to60m', upTo: 3_600 },
  { total: 'responded1to2h', upTo: 7_200 },
  { total: 'responded2to4h', upTo: 14_400 },
  { total: 'responded4to8h', upTo: 28_800 },
  { total: 'responded8to24h', upTo: 86_400 },
  { total: 'responded1to2d', upTo: 172_800 },
  { total: 'responded2to7d', upTo: 604_800 },
  { total: 'respondedAfter7d', upTo: Infinity },
] as const;

export type ResponseBucketTotal = (typeof RESPONSE_BUCKETS)[number]['total'];

/** The bucket (index into RESPONSE_BUCKETS) of a response time in seconds. */
export function responseBucket(seconds: number): number {
  const i = RESPONSE_BUCKETS.findIndex((b) => seconds < b.upTo);
  return i === -1 ? RESPONSE_BUCKETS.length - 1 : i;
}

/**
 * The median response time in milliseconds from bucket counts, interpolated linearly within the
 * bucket that holds the middle contact; null without any response. A median in the open last
 * bucket is given as its lower bound (7 days): "at least".
 */
export function medianFromBuckets(counts: readonly number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n <= 0) return null;
  const half = n / 2;
  let below = 0;
  for (let i = 0; i < RESPONSE_BUCKETS.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0 && below + c >= half) {
      const lower = i === 0 ? 0 : RESPONSE_BUCKETS[i - 1]!.upTo;
      const upper = RESPONSE_BUCKETS[i]!.upTo;
      if (!Number.isFinite(upper)) return lower * 1000;
      return (lower + ((half - below) / c) * (upper - lower)) * 1000;
    }
    below += c;
  }
  return null;
}
