import quantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * The rules behind GET /api/alerts that are arithmetic, not data access: when a block rate is
 * over a workspace's threshold, and when a page's webhooks have been silent for longer than usual.
 */

export type BlockRateVerdict = {
  rate: number;
  /** Wilson 95% interval of the true block rate */
  interval: [number, number];
  /** `critical`: over the threshold even at the interval's low end; `warning`: over it, but it may be noise */
  level: 'warning' | 'critical';
};

/** Wilson score interval of a proportion (better than the normal one near 0, where block rates live). */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] {
  if (trials <= 0) return [0, 1];
  const z = quantile(1 - (1 - confidence) / 2, 0, 1);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Whether blocked (unreachable) new contacts over new contacts is over the threshold; null when
 * it is not, or when there are fewer new contacts than `minContacts` (too few to say anything).
 */
export function blockRateVerdict(
  newContacts: number,
  blocked: number,
  threshold: number,
  minContacts: number,
): BlockRateVerdict | null {
  if (newContacts < Math.max(1, minContacts)) return null;
  const rate = blocked / newContacts;
  if (rate <= threshold) return null;
  const interval = wilsonInterval(blocked, newContacts);
  return { rate, interval, level: interval[0] > threshold ? 'critical' : 'warning' };
}

const HOUR = 3_600_000;

export type HourlyActivity = { hour: number; events: number };

export type Silence = {
  /** events the page usually receives over a stretch like the silence, same hours of the day */
  expected: number;
  silentHours: number;
};

/** Probability below which a silence is not chance: e^-expected < 1/1000. */
const SILENCE_EVENTS = Math.log(1000);

/**
 * Whether a page's webhooks have been silent for longer than usual. "Usual" is the page's own
 * rhythm by hour of the day over the `days` before the silence: the mean events of each hour.
 * Summed over the silent stretch, that is how many events the page would have received; if
 * arrivals were Poisson, seeing none has probability e^-expected. Silent when that is below
 * 1/1000 (about 7 expected events), so quiet nights do not raise an alarm and a busy page's
 * hour of silence does. Null with less than `minHistoryDays` of history.
 */
export function webhookSilence(
  hourly: HourlyActivity[],
  lastAt: number,
  now: number,
  { days = 14, minHistoryDays = 3 } = {},
): Silence | null {
  if (hourly.length === 0 || now <= lastAt) return null;
  // the rhythm before the silence began
  const windowStart = lastAt - days * 24 * HOUR;
  const inWindow = hourly.filter((h) => h.hour >= windowStart && h.hour < lastAt);
  if (inWindow.length === 0) return null;
  const first = Math.min(...inWindow.map((h) => h.hour));
  const historyDays = Math.min(days, (lastAt - first) / (24 * HOUR));
  if (historyDays < minHistoryDays) return null;
  const byHourOfDay = new Array<number>(24).fill(0);
  for (const h of inWindow) byHourOfDay[new Date(h.hour).getUTCHours()]! += h.events;
  const mean = byHourOfDay.map((total) => total / historyDays);
  let expected = 0;
  for (let t = lastAt; t < now;) {
    const next = Math.min(now, Math.floor(t / HOUR) * HOUR + HOUR);
    expected += mean[new Date(t).getUTCHours()]! * ((next - t) / HOUR);
    t = next;
  }
  if (expected < SILENCE_EVENTS) return null;
  return { expected, silentHours: (now - lastAt) / HOUR };
}
