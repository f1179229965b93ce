export { TOTALS, DELIVERY_TOTALS, emptyTotals, addTotals, type TotalName, type Totals } from './totals.js';
export {
  METRICS,
  METRIC_IDS,
  metric,
  isMetricId,
  readsDelivery,
  type MetricDefinition,
  type MetricId,
  type MetricUnit,
  type Better,
  type MetricSource,
} from './definitions.js';
export { compare, type Compared } from './compare.js';
export { twoProportionTest, type Proportion, type ProportionTest } from './significance.js';
export {
  contributions,
  rollupDelta,
  rollupKeyId,
  dayIn,
  UNCREDITED,
  type ContactFacts,
  type RollupKey,
  type RollupCounts,
  type RollupRow,
} from './contributions.js';
export {
  blockRateVerdict,
  webhookSilence,
  wilsonInterval,
  type BlockRateVerdict,
  type HourlyActivity,
  type Silence,
} from './alerts.js';
export { RESPONSE_BUCKETS, responseBucket, medianFromBuckets, type ResponseBucketTotal } from './response-time.js';
export { comparisonRange, daysOf, isDay, rangeDays, shiftDay, MAX_RANGE_DAYS, type DayRange } from './periods.js';
