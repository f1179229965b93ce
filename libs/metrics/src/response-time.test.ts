import { describe, expect, it } from 'vitest';
import { metric } from './definitions.js';
import { medianFromBuckets, RESPONSE_BUCKETS, responseBucket } from './response-time.js';
import { addTotals } from './totals.js';

const counts = (entries: Record<number, number>) => RESPONSE_BUCKETS.map((_, i) => entries[i] ?? 0);

describe('the first-response histogram', () => {
  it('files a response time in the bucket whose bounds hold it', () => {
    expect(responseBucket(0)).toBe(0);
    expect(responseBucket(59.9)).toBe(0);
    expect(responseBucket(60)).toBe(1);
    expect(responseBucket(3_599)).toBe(4);
    expect(responseBucket(30 * 86_400)).toBe(RESPONSE_BUCKETS.length - 1);
  });

  it('reads the median within the bucket of the middle contact', () => {
    expect(medianFromBuckets(counts({}))).toBeNull();
    // 4 contacts answered within 1–5 minutes: the median is halfway through that bucket, 3 minutes
    expect(medianFromBuckets(counts({ 1: 4 }))).toBe(180_000);
    // 1 within a minute, 3 within 1–5 minutes: the middle (2nd of 4) is 1/3 into 1–5 minutes
    expect(medianFromBuckets(counts({ 0: 1, 1: 3 }))).toBeCloseTo((60 + (1 / 3) * 240) * 1000, 6);
    // most never answered within a week: "at least 7 days"
    expect(medianFromBuckets(counts({ 0: 1, 11: 5 }))).toBe(604_800_000);
  });

  it('adds up across days and slices, which a median would not', () => {
    const monday = Object.fromEntries([[RESPONSE_BUCKETS[0].total, 3]]);
    const tuesday = Object.fromEntries([[RESPONSE_BUCKETS[5].total, 4]]);
    // 7 contacts: 3 within a minute, 4 within 1–2 hours: the 3.5th is 1/8 into 1–2 hours
    expect(metric('medianFirstResponse').value(addTotals(monday, tuesday))).toBeCloseTo(
      (3_600 + (0.5 / 4) * 3_600) * 1000,
      6,
    );
  });
});
