/**
 * Benchmark of the simulated world at its `large` size: events and insights throughput, peak memory.
 * Usage: npm run bench:sim -- [--days 30] [--runs 3] [--seed 7] [--full-year]
 */
import { parseArgs } from 'node:util';
import type { World } from './types.js';
import { createWorld } from './world/create-world.js';

const DAY_MS = 86_400_000;
const END_DATE = '2025-06-30';
const LIMIT_MB = 2048;

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    'full-year': { type: 'boolean', default: false },
  },
});
const days = Number(values.days);
const runs = Number(values.runs);
const end = Date.parse(`${END_DATE}T00:00:00Z`) + DAY_MS;
const from = end - days * DAY_MS;

let peakRss = 0;
const sampleRss = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`;

type Run = { count: number; ms: number; bytes: number; messages?: number };

/** Streams the window's events and serialises each one, as the webhook sender would. */
function eventsRun(world: World, start: number, stop: number): Run {
  gc();
  const t0 = performance.now();
  let count = 0;
  let bytes = 0;
  let messages = 0;
  for (const e of world.events(start, stop)) {
    bytes += JSON.stringify(e.event).length;
    count += 1;
    if (e.event.message) messages += 1;
    if (count % 65_536 === 0) sampleRss();
  }
  sampleRss();
  return { count, ms: performance.now() - t0, bytes, messages };
}

/** The same number of minimal events, built and serialised without any world logic: the floor. */
function baselineRun(count: number): Run {
  gc();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const event = {
      sender: { id: String(2_000_000_000_000_000 + i) },
      recipient: { id: '100000000000001' },
      timestamp: from + i,
      message: { mid: `m_${i.toString(36)}`, text: 'Hi! Is this still available?' },
    };
    bytes += JSON.stringify(event).length;
  }
  return { count, ms: performance.now() - t0, bytes };
}

function insightsRun(world: World): Run {
  gc();
  const t0 = performance.now();
  const since = new Date(from).toISOString().slice(0, 10);
  let count = 0;
  for (const account of world.accounts) {
    const query = { accountId: account.id, level: 'ad' as const, since, until: END_DATE, timeIncrement: 1 as const };
    for (const row of world.insights(query)) count += row.spend.length > 0 ? 1 : 0;
  }
  sampleRss();
  return { count, ms: performance.now() - t0, bytes: 0 };
}

const rate = (r: Run): number => (r.count / r.ms) * 1000;

function main(): void {
  const t0 = performance.now();
  const world = createWorld({ seed: Number(values.seed), size: 'large', endDate: END_DATE });
  // the first events() call builds the returns index (every person's fate, once per world)
  for (const _ of world.events(end - 1, end));
  const setupMs = performance.now() - t0;
  sampleRss();
  const events: Run[] = [];
  const base: Run[] = [];
  const insights: Run[] = [];
  for (let i = 0; i < runs; i += 1) {
    events.push(eventsRun(world, from, end));
    base.push(baselineRun(events[i]?.count ?? 0));
    insights.push(insightsRun(world));
  }
  const evRate = median(events.map(rate));
  const baseRate = median(base.map(rate));
  const perDay = (events[0]?.count ?? 0) / days;
  console.log(`meta-sim bench: large world (seed ${values.seed}), ${days} days to ${END_DATE}, median of ${runs} runs`);
  console.log(`  setup (structure + returns index): ${(setupMs / 1000).toFixed(1)} s`);
  console.log(
    `  events:   ${events[0]?.count ?? 0} (${events[0]?.messages ?? 0} messages) in ${(median(events.map((r) => r.ms)) / 1000).toFixed(1)} s → ${evRate.toFixed(0)} events/s (JSON ${mb(events[0]?.bytes ?? 0)})`,
  );
  console.log(
    `  baseline: ${baseRate.toFixed(0)} minimal events/s serialised → the world costs ${(baseRate / evRate).toFixed(1)}× the bare serialisation`,
  );
  console.log(`  insights: ${insights[0]?.count ?? 0} ad-day rows → ${median(insights.map(rate)).toFixed(0)} rows/s`);
  if (values['full-year']) fullYear(world);
  else {
    const yearSeconds = (perDay * 365) / evRate;
    console.log(
      `  full year (EXTRAPOLATED from ${days} days, run with --full-year to measure): ~${((perDay * 365) / 1e6).toFixed(1)} M events, ~${yearSeconds.toFixed(0)} s; memory does not grow with the window (a heap of conversations in progress)`,
    );
  }
  const peak = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(`  peak RSS: ${mb(peak)} — ${peak < LIMIT_MB * 1_048_576 ? 'within' : 'OVER'} the 2 GB budget`);
}

function fullYear(world: World): void {
  const run = eventsRun(world, end - 365 * DAY_MS, end);
  console.log(
    `  full year (measured): ${run.count} events (${run.messages} messages) in ${(run.ms / 1000).toFixed(0)} s → ${rate(run).toFixed(0)} events/s, peak RSS so far ${mb(peakRss)}`,
  );
}

main();
