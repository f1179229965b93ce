import type { Clock } from './clock.js';
import type { UsageReading } from './usage-headers.js';

export type GovernorOptions = {
  /** Parallel calls per key (ad account) while usage is low. */
  maxConcurrency: number;
  /** Above this usage, one call at a time and a pause between calls. */
  slowPct: number;
  /** Above this usage, stop calling until usage is reported lower or the pause has passed. */
  pausePct: number;
  /** Pause at or above pausePct when Meta gives no regain estimate. */
  pauseMs: number;
};

export const DEFAULT_GOVERNOR: GovernorOptions = { maxConcurrency: 4, slowPct: 75, pausePct: 95, pauseMs: 60_000 };

type Lane = { active: number; waiting: (() => void)[]; usagePct: number; blockedUntil: number; lastStart: number };

/**
 * Paces calls per ad account from the usage Meta reports: full concurrency while usage is low,
 * fewer parallel calls as it rises, a pause near the limit, and no call at all until Meta's
 * estimated_time_to_regain_access has passed once a limit is hit. One limited account never
 * slows another.
 */
export class RateGovernor {
  private readonly lanes = new Map<string, Lane>();
  /** Time spent waiting for Meta's regain estimate or a near-limit pause, per key (ms). */
  readonly waitedMs = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly options: GovernorOptions = DEFAULT_GOVERNOR,
  ) {}

  async run<T>(key: string, call: () => Promise<T>): Promise<T> {
    const lane = this.lane(key);
    await this.acquire(lane);
    try {
      await this.waitIfLimited(key, lane);
      lane.lastStart = this.clock.now();
      return await call();
    } finally {
      this.release(lane);
    }
  }

  /** Feeds the usage headers of a response back into the pacing of its key. */
  observe(key: string, usage: UsageReading): void {
    const lane = this.lane(key);
    lane.usagePct = usage.maxPct;
    if (usage.regainMs > 0) this.block(key, usage.regainMs);
    this.wakeUp(lane);
  }

  /** Meta refused a call: nothing for this key until its regain time has passed. */
  block(key: string, ms: number): void {
    const lane = this.lane(key);
    lane.blockedUntil = Math.max(lane.blockedUntil, this.clock.now() + ms);
  }

  concurrencyFor(key: string): number {
    return this.limit(this.lane(key));
  }

  private async waitIfLimited(key: string, lane: Lane): Promise<void> {
    const now = this.clock.now();
    let until = lane.blockedUntil;
    if (lane.usagePct >= this.options.pausePct) until = Math.max(until, lane.lastStart + this.options.pauseMs);
    else if (lane.usagePct >= this.options.slowPct) {
      // between slowPct and pausePct: spread calls so usage can decay
      const span = this.options.pausePct - this.options.slowPct;
      const share = (lane.usagePct - this.options.slowPct) / span;
      until = Math.max(until, lane.lastStart + share * this.options.pauseMs * 0.1);
    }
    if (until > now) {
      this.waitedMs.set(key, (this.waitedMs.get(key) ?? 0) + (until - now));
      await this.clock.sleep(until - now);
    }
  }

  private acquire(lane: Lane): Promise<void> {
    if (lane.active < this.limit(lane)) {
      lane.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      lane.waiting.push(() => {
        lane.active++;
        resolve();
      }),
    );
  }

  private release(lane: Lane): void {
    lane.active--;
    this.wakeUp(lane);
  }

  private wakeUp(lane: Lane): void {
    while (lane.waiting.length > 0 && lane.active < this.limit(lane)) lane.waiting.shift()?.();
  }

  private limit(lane: Lane): number {
    if (lane.usagePct >= this.options.slowPct) return 1;
    if (lane.usagePct >= this.options.slowPct / 1.5) return Math.max(1, Math.ceil(this.options.maxConcurrency / 2));
    return this.options.maxConcurrency;
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiting: [], usagePct: 0, blockedUntil: 0, lastStart: 0 };
      this.lanes.set(key, lane);
    }
    return lane;
  }
}
