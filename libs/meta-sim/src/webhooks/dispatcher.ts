import type { Random } from '../graph/rng.js';
import type { WorldClock } from './clock.js';
import type { Payload } from './payload.js';
import { postOnce } from './post.js';

export type WebhookStats = {
  /** POST requests made, retries and duplicates included. */
  posts: number;
  /** Payloads the receiver acknowledged with a 200 (duplicates not counted). */
  deliveries: number;
  /** Events in acknowledged payloads (duplicates not counted). */
  events: number;
  retries: number;
  /** Payloads given up after the retry span. */
  failures: number;
  /** Payloads sent a second time on purpose. */
  duplicates: number;
};

export type DeliveryOptions = {
  url: URL;
  concurrency: number;
  timeoutMs: number;
  /** Waits before each retry, in world ms; the last one repeats. Meta: at once, then less and less often. */
  retryDelaysMs: number[];
  /** Give up on a payload once its retries would span more than this (world ms; Meta: about 36 hours). */
  giveUpAfterMs: number;
  duplicateRate: number;
};

type Job = { payload: Payload; attempt: number; waited: number; duplicate: boolean };

/** Posts payloads with bounded concurrency; failed ones come back after a back-off without holding a slot. */
export class Dispatcher {
  readonly stats: WebhookStats = { posts: 0, deliveries: 0, events: 0, retries: 0, failures: 0, duplicates: 0 };
  private active = 0;
  private pending = 0;
  private readonly queue: Job[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly opts: DeliveryOptions,
    private readonly clock: WorldClock,
    private readonly random: Random,
  ) {}

  /** Queues a payload; resolves once the queue has room again, so reading the world never runs far ahead. */
  async send(payload: Payload): Promise<void> {
    this.push({ payload, attempt: 0, waited: 0, duplicate: false });
    while (!this.stopped && this.queue.length > this.opts.concurrency * 4) await this.nextChange();
  }

  /** Resolves when every payload is delivered or given up (or the dispatcher is stopped). */
  async idle(): Promise<void> {
    while (!this.stopped && this.pending > 0) await this.nextChange();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.notify();
  }

  private push(job: Job): void {
    if (job.attempt === 0) this.pending++;
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.active < this.opts.concurrency && this.queue.length) {
      const job = this.queue.shift() as Job;
      this.active++;
      void this.attempt(job).finally(() => {
        this.active--;
        this.pump();
        this.notify();
      });
    }
  }

  private async attempt(job: Job): Promise<void> {
    const { payload } = job;
    const headers = {
      'content-type': 'application/json',
      'x-hub-signature-256': payload.signature,
      'user-agent': 'facebookexternalua',
    };
    this.stats.posts++;
    if (job.attempt > 0) this.stats.retries++;
    const status = await postOnce(this.opts.url, payload.body, headers, this.opts.timeoutMs);
    if (this.stopped) return;
    if (status === 200) return this.delivered(job);
    const delays = this.opts.retryDelaysMs;
    const delay = delays[Math.min(job.attempt, delays.length - 1)] ?? 0;
    if (job.waited + delay > this.opts.giveUpAfterMs) {
      if (!job.duplicate) this.stats.failures++;
      this.pending--;
      return;
    }
    this.later(this.clock.realMs(delay), { ...job, attempt: job.attempt + 1, waited: job.waited + delay });
  }

  private delivered(job: Job): void {
    this.pending--;
    if (job.duplicate) return;
    this.stats.deliveries++;
    this.stats.events += job.payload.events.length;
    if (this.random() < this.opts.duplicateRate) {
      this.stats.duplicates++;
      this.push({ payload: job.payload, attempt: 0, waited: 0, duplicate: true });
    }
  }

  private later(ms: number, job: Job): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.queue.push(job);
      this.pump();
    }, ms);
    this.timers.add(timer);
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
