import { randomInt } from 'node:crypto';
import { seededRandom, type Random } from '../graph/rng.js';
import { worldSpan } from '../graph/threads.js';
import type { World, WorldEvent } from '../types.js';
import { worldClock, type ClockMode, type WorldClock } from './clock.js';
import { Dispatcher, type WebhookStats } from './dispatcher.js';
import { buildPayloads, type Payload } from './payload.js';
import { handshake } from './post.js';

export type WebhookSenderOptions = {
  /** The receiver, e.g. http://localhost:3000/webhooks/messenger. */
  url: string;
  appSecret: string;
  verifyToken?: string;
  clock?: ClockMode;
  /** World time span to deliver, epoch ms [from, to); defaults to the whole world. */
  from?: number;
  to?: number;
  /** Simulated clock: world ms per real ms. */
  speedup?: number;
  /** Realtime clock: world time + offset = real time. */
  offsetMs?: number;
  /** Events this close in world time go out together, grouped by page (default 1 s). */
  tickMs?: number;
  maxEventsPerPost?: number;
  /** Parallel POSTs (default 16 in fast mode, 4 otherwise). */
  concurrency?: number;
  /** How long to wait for the receiver's 200 (Meta: about 20 s). */
  timeoutMs?: number;
  retryDelaysMs?: number[];
  giveUpAfterMs?: number;
  /** Share of payloads sent twice (identical bytes). */
  duplicateRate?: number;
  /** Payloads shuffled together before sending: out-of-order delivery (1 = in order). */
  shuffleWindow?: number;
  seed?: number;
};

export type HandshakeResult = { ok: boolean; status: number; challenge: string; body: string };

export type WebhookSender = {
  handshake(): Promise<HandshakeResult>;
  /** Delivers the span; resolves with the stats when everything is delivered or given up, or on stop(). */
  run(): Promise<WebhookStats>;
  stop(): void;
  readonly stats: WebhookStats;
};

const MINUTE = 60_000;
// Meta retries at once, then less and less often, for about 36 hours
const META_RETRIES = [0, 5_000, MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 3 * 60 * MINUTE];

export function startWebhookSender(world: World, opts: WebhookSenderOptions): WebhookSender {
  const mode = opts.clock ?? 'simulated';
  const span = worldSpan(world);
  const from = opts.from ?? span.from;
  const random = seededRandom(opts.seed ?? 0);
  const dispatcher = new Dispatcher(
    {
      url: new URL(opts.url),
      concurrency: opts.concurrency ?? (mode === 'fast' ? 16 : 4),
      timeoutMs: opts.timeoutMs ?? 20_000,
      retryDelaysMs: opts.retryDelaysMs ?? META_RETRIES,
      giveUpAfterMs: opts.giveUpAfterMs ?? 36 * 60 * MINUTE,
      duplicateRate: opts.duplicateRate ?? 0,
    },
    worldClock({ mode, from, speedup: opts.speedup, offsetMs: opts.offsetMs }),
    random,
  );
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => (clearTimeout(timer), resolve());
    });
  return {
    handshake: () => handshake(opts.url, opts.verifyToken ?? '', String(randomInt(1e9, 2e9)), opts.timeoutMs ?? 20_000),
    async run() {
      const clock = worldClock({ mode, from, speedup: opts.speedup, offsetMs: opts.offsetMs });
      const shuffler = new Shuffler(opts.shuffleWindow ?? 1, random, (p) => dispatcher.send(p));
      const ticks = byTick(world.events(from, opts.to ?? span.to), opts.tickMs ?? 1000);
      for (const tick of ticks) {
        if (stopped) break;
        const last = tick[tick.length - 1] as WorldEvent;
        const wait = clock.delayUntil(last.time);
        if (wait > 0) {
          await shuffler.flush();
          await sleep(wait);
        }
        if (stopped) break;
        for (const payload of buildPayloads(tick, opts.appSecret, opts.maxEventsPerPost ?? 100))
          await shuffler.push(payload);
      }
      await shuffler.flush();
      await dispatcher.idle();
      return { ...dispatcher.stats };
    },
    stop() {
      stopped = true;
      wake?.();
      dispatcher.stop();
    },
    get stats() {
      return { ...dispatcher.stats };
    },
  };
}

/** Consecutive events of the same tick of world time, batch by batch, without reading ahead. */
function* byTick(events: Iterable<WorldEvent>, tickMs: number): Iterable<WorldEvent[]> {
  let batch: WorldEvent[] = [];
  let current = Number.NaN;
  for (const w of events) {
    const tick = Math.floor(w.time / tickMs);
    if (batch.length && tick !== current) {
      yield batch;
      batch = [];
    }
    current = tick;
    batch.push(w);
  }
  if (batch.length) yield batch;
}

/** Holds up to `window` payloads and releases them in a seeded random order. */
class Shuffler {
  private buffer: Payload[] = [];

  constructor(
    private readonly window: number,
    private readonly random: Random,
    private readonly out: (p: Payload) => Promise<void>,
  ) {}

  async push(payload: Payload): Promise<void> {
    if (this.window <= 1) return this.out(payload);
    this.buffer.push(payload);
    if (this.buffer.length >= this.window) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    for (let i = batch.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [batch[i], batch[j]] = [batch[j] as Payload, batch[i] as Payload];
    }
    for (const payload of batch) await this.out(payload);
  }
}

export type { WebhookStats, WorldClock };
