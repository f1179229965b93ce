import { describe, expect, it } from 'vitest';
import { blockRateVerdict, webhookSilence, wilsonInterval } from './alerts.js';

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17, table I: the Wilson score interval without continuity correction
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: %f to %f', (x, n, lo, hi) => {
    const [a, b] = wilsonInterval(x, n);
    expect(a).toBeCloseTo(lo, 4);
    expect(b).toBeCloseTo(hi, 4);
  });
});

describe('blockRateVerdict', () => {
  it('says nothing under the threshold or with too few contacts', () => {
    expect(blockRateVerdict(1000, 40, 0.05, 20)).toBeNull();
    expect(blockRateVerdict(10, 9, 0.05, 20)).toBeNull();
  });
  it('warns over the threshold when it may be noise, and is critical when even the low end is over', () => {
    expect(blockRateVerdict(40, 3, 0.05, 20)).toMatchObject({ rate: 0.075, level: 'warning' });
    expect(blockRateVerdict(1000, 120, 0.05, 20)).toMatchObject({ rate: 0.12, level: 'critical' });
  });
});

describe('webhookSilence', () => {
  const HOUR = 3_600_000;
  const start = Date.UTC(2026, 10, 1);
  /** a page with 10 events an hour from 08:00 to 20:00 UTC and none at night, for 14 days */
  const daytime = Array.from({ length: 14 * 24 }, (_, i) => ({
    hour: start + i * HOUR,
    events: new Date(start + i * HOUR).getUTCHours() >= 8 && new Date(start + i * HOUR).getUTCHours() < 20 ? 10 : 0,
  }));
  const day15 = start + 14 * 24 * HOUR;

  it('lets a quiet night pass', () => {
    expect(webhookSilence(daytime, day15 - 4 * HOUR, day15 + 7 * HOUR)).toBeNull();
  });
  it('flags an hour of silence in the afternoon, when 10 would have come', () => {
    const silence = webhookSilence(daytime, day15 + 14 * HOUR, day15 + 15 * HOUR);
    expect(silence?.expected).toBeCloseTo(10, 6);
    expect(silence?.silentHours).toBe(1);
  });
  it('needs a few days of history to know what is usual', () => {
    expect(webhookSilence(daytime.slice(-48), day15 + 14 * HOUR, day15 + 20 * HOUR)).toBeNull();
  });
});
