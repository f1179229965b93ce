import { DayStarts } from './calendar.js';
import type { Interval } from './lifecycle.js';
import { overlapMs } from './lifecycle.js';
import { MODELLED_CONVERSATION_RATE } from './meta-rules.js';
import type { AdModel, PageModel, RefModel, Structure } from './model.js';
import { Rng, Tag } from './rand.js';
import type { SizeSpec } from './sizes.js';

export type StreamKind = 'ad' | 'link' | 'qr' | 'plugin' | 'organic' | 'comment';

/** A source of new people: an ad, a ref link, or the page itself (organic, comment private replies). */
export type Stream = {
  index: number;
  kind: StreamKind;
  page: PageModel;
  ad?: AdModel;
  ref?: RefModel;
  /** Day boundaries the stream counts in: the ad account's zone for ads, UTC otherwise. */
  days: DayStarts;
  active: Interval[];
  meanPerDay: number;
  convMult: number;
  blockMult: number;
  engagement: number;
};

/** Person indices pack (stream, day, arrival number): these bound each part. */
export const MAX_STREAMS = 4096;
export const DAY_SLOTS = 512;
export const ARRIVAL_SLOTS = 16384;

// more people write at the weekend and on Mondays; 0 = Sunday
const WEEKDAY = [1.15, 1.05, 0.95, 0.95, 1.0, 0.9, 1.1];

export function buildStreams(structure: Structure, spec: SizeSpec): Stream[] {
  const utc = new DayStarts(structure.startDay - 1, spec.days + 2, 'UTC');
  const whole: Interval[] = [{ from: structure.worldStart, to: structure.worldEnd }];
  const streams: Stream[] = [];
  const push = (s: Omit<Stream, 'index'>): void => void streams.push({ ...s, index: streams.length });
  for (const ad of structure.ads) {
    const p = ad.params;
    const common = { convMult: p.convMult, blockMult: p.blockMult, engagement: p.engagement };
    push({ kind: 'ad', page: ad.page, ad, days: ad.account.days, active: ad.active, meanPerDay: 0, ...common });
  }
  for (const ref of structure.refs) {
    const common = { convMult: ref.convMult, blockMult: ref.blockMult, engagement: 1 };
    const meanPerDay = spec.refArrivals * ref.rateMult;
    push({ kind: ref.link.kind, page: ref.page, ref, days: utc, active: whole, meanPerDay, ...common });
  }
  for (const page of structure.pages) {
    const common = { page, days: utc, active: whole, convMult: 0.8, blockMult: 0.6, engagement: 1.1 };
    push({ kind: 'organic', meanPerDay: spec.organicArrivals, ...common });
    push({ kind: 'comment', meanPerDay: spec.commentArrivals, ...common, engagement: 0.8 });
  }
  if (streams.length > MAX_STREAMS) throw new Error('too many arrival streams for the person index');
  return streams;
}

/** What an ad bought on one account-local day, in integers (cents, counts). */
export type Delivery = {
  spendCents: number;
  impressions: number;
  reach: number;
  clicks: number;
  linkClicks: number;
  /** New people who opened a thread through the ad that day. */
  arrivals: number;
  /** Conversations Meta models without a person behind them. */
  modelled: number;
  /** Milliseconds of the day the ad could deliver. */
  coverMs: number;
};

/** The ad's delivery on a day: a pure function of (seed, ad, day), so insights never need people. */
export function adDelivery(seed: number, stream: Stream, day: number): Delivery | undefined {
  const ad = stream.ad;
  if (!ad) return undefined;
  const from = stream.days.start(day);
  const to = stream.days.start(day + 1);
  const coverMs = overlapMs(stream.active, from, to);
  if (coverMs <= 0) return undefined;
  const rng = new Rng([seed, Tag.delivery, ad.index, day]);
  const p = ad.params;
  const spendCents = Math.max(1, Math.round(p.budgetCents * (coverMs / (to - from)) * seasonal(day) * rng.noise(0.15)));
  // an ad that could deliver at all that day shows at least once: a return through it needs a row to land in
  const impressions = Math.max(1, Math.round((spendCents / p.cpmCents) * 1000 * rng.noise(0.1)));
  const reach = Math.max(1, Math.round(impressions / rng.between(1.05, 1.6)));
  const clicks = Math.min(impressions, Math.round(impressions * p.ctr * rng.noise(0.15)));
  const linkClicks = Math.round(clicks * p.linkShare);
  const arrivals = Math.min(linkClicks, rng.poisson(linkClicks * p.msgRate), ARRIVAL_SLOTS - 1);
  const modelled = rng.poisson(arrivals * MODELLED_CONVERSATION_RATE);
  return { spendCents, impressions, reach, clicks, linkClicks, arrivals, modelled, coverMs };
}

/** How many new people a stream brings on a day (ads: from their delivery). */
export function arrivalCount(seed: number, stream: Stream, day: number): number {
  if (stream.kind === 'ad') return adDelivery(seed, stream, day)?.arrivals ?? 0;
  const from = stream.days.start(day);
  const to = stream.days.start(day + 1);
  const cover = overlapMs(stream.active, from, to) / (to - from);
  if (cover <= 0) return 0;
  const rng = new Rng([seed, Tag.arrivals, stream.index, day]);
  return Math.min(ARRIVAL_SLOTS - 1, rng.poisson(stream.meanPerDay * cover * seasonal(day)));
}

function seasonal(day: number): number {
  const weekday = WEEKDAY[(((day + 4) % 7) + 7) % 7] ?? 1;
  return weekday * (1 + 0.15 * Math.sin((2 * Math.PI * day) / 365));
}
