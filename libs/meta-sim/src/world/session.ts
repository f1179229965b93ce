import type { PersonTruth, TouchSource } from '../types.js';
import { DAY_MS, HOUR_MS, localHour, MINUTE_MS } from './calendar.js';
import { MAX_SESSION_DAYS, PRIVATE_REPLY_LEAD_MS } from './meta-rules.js';
import type { Fate } from './person.js';
import { Rng, Tag } from './rand.js';
import type { SimWorld } from './sim-world.js';
import type { Stream } from './streams.js';

export const Flag = {
  referral: 1,
  human: 2,
  guest: 4,
  quickReply: 8,
  attachment: 16,
  privateReply: 32,
  withMids: 64,
  optinRequest: 128,
} as const;

export type StepKind =
  | 'start'
  | 'referral'
  | 'in'
  | 'out'
  | 'delivery'
  | 'read'
  | 'optin'
  | 'optin_otn'
  | 'optin_stop'
  | 'conversion'
  | 'order'
  | 'block';

/** One thing that happens in a conversation; `mark` is the message time a delivery/read acknowledges. */
export type Step = { at: number; kind: StepKind; seq: number; variant: number; flags: number; mark: number };

export type Touch = PersonTruth['touches'][number];
export type Conversion = PersonTruth['conversions'][number];

/** One conversation of a person: how it opened, what happened, in time order, clipped to the world. */
export type Session = {
  fate: Fate;
  no: 0 | 1;
  stream: Stream;
  start: number;
  steps: Step[];
  touch: Touch;
  inbound: number[];
  conversions: Conversion[];
  blockedAt?: number;
  openedWithPostback: boolean;
  warm: boolean;
};

/** Chance of a conversion in a conversation, before the source's multiplier. */
export const BASE_CONVERSION_RATE = 0.1;
export const OPTIN_RATE = 0.1;
/** Chance that someone who came back blocks the page in that second conversation. */
export const RETURN_BLOCK_RATE = 0.03;

const SESSION_MS = MAX_SESSION_DAYS * DAY_MS;
const SOURCE: Record<Stream['kind'], TouchSource> = {
  ad: 'ADS',
  link: 'SHORTLINK',
  qr: 'SHORTLINK',
  plugin: 'CUSTOMER_CHAT_PLUGIN',
  organic: 'ORGANIC',
  comment: 'COMMENT',
};

class Builder {
  readonly steps: Step[] = [];
  readonly rng: Rng;
  private seq: number;
  private readonly cap: number;

  constructor(
    readonly world: SimWorld,
    readonly session: { no: 0 | 1; start: number; stream: Stream; u: number },
  ) {
    this.rng = new Rng([world.structure.seed, Tag.session, session.u, session.no]);
    this.seq = session.no * 512;
    this.cap = Math.min(session.start + SESSION_MS - 1, world.structure.worldEnd - 1);
  }

  push(kind: StepKind, at: number, variant = 0, flags = 0, mark = 0): Step | undefined {
    const time = Math.round(at);
    if (time > this.cap) return undefined;
    const step = { at: time, kind, seq: this.seq, variant, flags, mark };
    this.seq += 1;
    this.steps.push(step);
    return step;
  }
}

export function planSession(world: SimWorld, fate: Fate, no: 0 | 1): Session | undefined {
  const entry =
    no === 0
      ? { stream: fate.stream, start: fate.arrival }
      : fate.comeback && { ...fate.comeback, start: fate.comeback.at };
  if (!entry || entry.start >= world.structure.worldEnd) return undefined;
  const { stream, start } = entry;
  const b = new Builder(world, { no, start, stream, u: fate.u });
  const opening = open(b, fate, no);
  const guestUntil = stream.kind === 'plugin' && no === 0 ? (fate.continuesInMessenger ? b.rng.int(1, 2) : 99) : 0;
  const talk = converse(b, opening, guestUntil);
  const extrasEnd = extras(b, talk.t, talk.guest);
  const blocks = no === 0 ? fate.blocksFirst : b.rng.chance(RETURN_BLOCK_RATE * stream.blockMult);
  if (blocks) b.push('block', extrasEnd + b.rng.between(1, 480) * MINUTE_MS);
  return assemble(b, fate, no, opening.postback);
}

type Opening = { postback: boolean; inbound: number; t: number };

function open(b: Builder, fate: Fate, no: 0 | 1): Opening {
  const t = b.session.start;
  const kind = b.session.stream.kind;
  // an existing thread re-opened, or a chat-plugin visitor (a guest until they continue in Messenger)
  if (no === 1 || kind === 'plugin') {
    b.push('referral', t, 0, Flag.referral | (no === 0 ? Flag.guest : 0));
    return { postback: false, inbound: 0, t };
  }
  if (kind === 'organic') {
    b.push('in', t, b.rng.int(0, 99));
    return { postback: false, inbound: 1, t };
  }
  if (kind === 'comment') {
    const lead = b.rng.between(2 * MINUTE_MS, PRIVATE_REPLY_LEAD_MS);
    b.push('out', Math.max(b.world.structure.worldStart, t - lead), 0, Flag.privateReply);
    b.push('in', t, b.rng.int(0, 99));
    return { postback: false, inbound: 1, t };
  }
  const referral = kind === 'ad' && fate.noReferral ? 0 : Flag.referral;
  if (kind === 'ad' && (fate.opensWithMessage || fate.noReferral)) {
    b.push('in', t, b.rng.int(0, 99), referral);
    return { postback: false, inbound: 1, t };
  }
  // Get Started, or for ads sometimes an ice breaker question (variant 1, 2)
  b.push('start', t, kind === 'ad' ? b.rng.int(0, 2) : 0, referral);
  return { postback: true, inbound: 0, t };
}

/** Page replies and the person's answers, until they stop writing or the session span ends. */
function converse(b: Builder, opening: Opening, guestUntil: number): { t: number; guest: boolean } {
  const { rng } = b;
  const target = drawInboundCount(rng, b.session.stream.engagement, opening.inbound);
  let sent = opening.inbound;
  let t = opening.t;
  for (let turn = 0; ; turn += 1) {
    const guest = sent < guestUntil ? Flag.guest : 0;
    const bot = turn === 0 || (sent <= 1 && rng.chance(0.5));
    const replyAt = bot ? t + rng.between(1, 4) * 1000 : humanReplyAt(rng, t, b.session.stream.page.utcOffsetHours);
    const out = b.push('out', replyAt, rng.int(0, 99), (bot ? 0 : Flag.human) | guest);
    if (!out) return { t, guest: guest !== 0 };
    t = out.at;
    if (!guest) t = acknowledge(b, out);
    if (sent >= target) return { t, guest: guest !== 0 };
    const next = rng.chance(0.75) ? t + rng.between(5, 480) * 1000 : t + rng.between(1, 20) * HOUR_MS;
    const flags = (rng.chance(0.2) ? Flag.quickReply : rng.chance(0.08) ? Flag.attachment : 0) | guest;
    const inbound = b.push('in', next, rng.int(0, 99), flags);
    if (!inbound) return { t, guest: guest !== 0 };
    sent += 1;
    t = inbound.at;
  }
}

function acknowledge(b: Builder, out: Step): number {
  const { rng } = b;
  // variant = the acknowledged message's seq (for delivery.mids), mark = its time (the watermark)
  const mids = rng.chance(0.5) ? Flag.withMids : 0;
  const delivery = b.push('delivery', out.at + rng.between(300, 3000), out.seq, mids, out.at);
  if (!delivery) return out.at;
  if (!rng.chance(0.85)) return delivery.at;
  const read = b.push('read', delivery.at + rng.between(3, 1200) * 1000, 0, 0, out.at);
  return read ? read.at : delivery.at;
}

function drawInboundCount(rng: Rng, engagement: number, min: number): number {
  const keepGoing = Math.min(0.85, Math.max(0.4, 0.66 * engagement));
  let n = min;
  while (n < 12 && rng.chance(keepGoing)) n += 1;
  return n;
}

/** Slower at night: the team answers between minutes (office hours) and the next morning. */
function humanReplyAt(rng: Rng, t: number, utcOffsetHours: number): number {
  const hour = localHour(t, utcOffsetHours);
  if (hour >= 9 && hour < 18) return t + rng.between(1, 25) * MINUTE_MS;
  if (hour >= 18 && hour < 22) return t + rng.between(10, 120) * MINUTE_MS;
  const untilMorning = ((8 - hour + 24) % 24) * HOUR_MS;
  return t + untilMorning + rng.between(0, 120) * MINUTE_MS;
}

/** Opt-in to notification messages and conversions, after the conversation. Returns the last time used. */
function extras(b: Builder, last: number, guest: boolean): number {
  const { rng } = b;
  let t = last;
  if (!guest && rng.chance(OPTIN_RATE)) {
    const request = b.push('out', t + rng.between(1, 10) * MINUTE_MS, 0, Flag.optinRequest);
    const optin = request && b.push(rng.chance(0.15) ? 'optin_otn' : 'optin', request.at + rng.between(5, 90) * 1000);
    if (optin) t = optin.at;
    if (optin && optin.kind === 'optin' && rng.chance(0.1)) b.push('optin_stop', t + rng.between(1, 40) * HOUR_MS);
  }
  const stream = b.session.stream;
  if (rng.chance(BASE_CONVERSION_RATE * stream.convMult)) {
    const kind = rng.float();
    if (kind < 0.7) {
      const step = b.push(
        'conversion',
        t + rng.between(2, 120) * MINUTE_MS,
        kind < 0.4 ? 1 : 0,
        guest ? Flag.guest : 0,
      );
      if (step) t = step.at;
    } else b.push('order', t + rng.between(1, 30) * HOUR_MS, Math.round(rng.between(15, 250) * 100));
  }
  return t;
}

function assemble(b: Builder, fate: Fate, no: 0 | 1, postback: boolean): Session {
  const steps = b.steps.sort((x, y) => x.at - y.at || x.seq - y.seq);
  const blockIndex = steps.findIndex((s) => s.kind === 'block');
  const kept = blockIndex < 0 ? steps : steps.slice(0, blockIndex + 1);
  const stream = b.session.stream;
  const currency = stream.ad?.account.account.currency ?? b.world.pageCurrency(stream.page.index);
  const conversions: Conversion[] = [];
  const inbound: number[] = [];
  for (const s of kept) {
    if (s.kind === 'in') inbound.push(s.at);
    if (s.kind === 'conversion') conversions.push({ at: s.at, kind: s.variant === 1 ? 'lead' : 'purchase' });
    if (s.kind === 'order') conversions.push({ at: s.at, kind: 'purchase', value: s.variant / 100, currency });
  }
  const firstIn = stream.kind === 'comment' ? (inbound[0] ?? b.session.start) : b.session.start;
  const touch: Touch = {
    source: SOURCE[stream.kind],
    ...(stream.ad ? { adId: stream.ad.ad.id } : {}),
    ...(stream.ref ? { ref: stream.ref.link.ref } : {}),
    at: firstIn,
    isNew: no === 0,
    hasReferral:
      no === 1 ||
      ((stream.kind !== 'ad' || !fate.noReferral) && stream.kind !== 'organic' && stream.kind !== 'comment'),
  };
  const blocked = blockIndex < 0 ? undefined : steps[blockIndex]?.at;
  return {
    ...{ fate, no, stream, start: b.session.start, steps: kept, touch, inbound, conversions },
    ...(blocked === undefined ? {} : { blockedAt: blocked }),
    openedWithPostback: postback,
    warm: no === 1 && (fate.comeback?.warm ?? false),
  };
}
