import { DAY_MS, localHour } from './calendar.js';
import { isCovered, overlapMs, pointInCover } from './lifecycle.js';
import {
  AD_MESSAGE_REFERRAL_SHARE,
  AD_REFERRAL_MISSING_RATE,
  RETURN_RATE,
  STALE_RETURN_DAYS,
  WARM_RETURN_DAYS,
  WARM_RETURN_SHARE,
} from './meta-rules.js';
import { Rng, Tag } from './rand.js';
import { ARRIVAL_SLOTS, DAY_SLOTS, type Stream } from './streams.js';
import type { SimWorld } from './sim-world.js';

/** Base chance that a person blocks the page in their first conversation, before the source's multiplier. */
export const BASE_BLOCK_RATE = 0.04;
/** Chat-plugin visitors who later continue in Messenger and so get a PSID in events. */
export const PLUGIN_CONTINUE_RATE = 0.6;
/** QR arrivals whose referral still says MESSENGER_CODE (old printed codes): parsers must keep unknown sources. */
export const LEGACY_CODE_RATE = 0.15;

/** The cheap, decided-at-arrival facts about a person: enough for insights without planning conversations. */
export type Fate = {
  u: number;
  stream: Stream;
  day: number;
  arrival: number;
  blocksFirst: boolean;
  noReferral: boolean;
  opensWithMessage: boolean;
  legacyCode: boolean;
  continuesInMessenger: boolean;
  comeback?: Comeback;
};

/** A later return into the same thread, through another ad or link. */
export type Comeback = { at: number; stream: Stream; warm: boolean };

export function personIndex(world: SimWorld, streamIndex: number, day: number, j: number): number {
  return (streamIndex * DAY_SLOTS + (day - world.structure.startDay + 1)) * ARRIVAL_SLOTS + j;
}

export function decodePersonIndex(world: SimWorld, u: number): { streamIndex: number; day: number; j: number } {
  const j = u % ARRIVAL_SLOTS;
  const rest = Math.floor(u / ARRIVAL_SLOTS);
  return { streamIndex: Math.floor(rest / DAY_SLOTS), day: (rest % DAY_SLOTS) + world.structure.startDay - 1, j };
}

/** `withComeback: false` skips resolving the return (its own random stream), for callers that plan only session 0. */
export function drawFate(world: SimWorld, stream: Stream, day: number, j: number, withComeback = true): Fate {
  const seed = world.structure.seed;
  const u = personIndex(world, stream.index, day, j);
  const rng = new Rng([seed, Tag.person, u]);
  const arrival = arrivalTime(rng, stream, day);
  const blocksFirst = rng.chance(BASE_BLOCK_RATE * stream.blockMult);
  const noReferral = stream.kind === 'ad' && rng.chance(AD_REFERRAL_MISSING_RATE);
  const opensWithMessage = rng.chance(AD_MESSAGE_REFERRAL_SHARE);
  const legacyCode = stream.kind === 'qr' && rng.chance(LEGACY_CODE_RATE);
  const continuesInMessenger = stream.kind !== 'plugin' || rng.chance(PLUGIN_CONTINUE_RATE);
  const fate: Fate = {
    u,
    stream,
    day,
    arrival,
    blocksFirst,
    noReferral,
    opensWithMessage,
    legacyCode,
    continuesInMessenger,
  };
  if (withComeback && !blocksFirst && continuesInMessenger && rng.chance(RETURN_RATE)) {
    const warm = rng.chance(WARM_RETURN_SHARE);
    const [lo, hi] = warm ? WARM_RETURN_DAYS : STALE_RETURN_DAYS;
    const at = arrival + Math.floor(rng.between(lo, hi) * DAY_MS);
    const target = at < world.structure.worldEnd ? pickReturnStream(world, stream, u, at) : undefined;
    if (target) fate.comeback = { at, stream: target, warm };
  }
  return fate;
}

/** Arrival instant within the stream's active part of the day, denser in the evening (rejection sampling). */
function arrivalTime(rng: Rng, stream: Stream, day: number): number {
  const from = stream.days.start(day);
  const to = stream.days.start(day + 1);
  const cover = overlapMs(stream.active, from, to);
  let at = pointInCover(stream.active, from, to, rng.float() * cover);
  for (let tries = 0; tries < 4; tries += 1) {
    const hour = localHour(at, stream.page.utcOffsetHours);
    if (rng.float() < DIURNAL[hour]!) break;
    at = pointInCover(stream.active, from, to, rng.float() * cover);
  }
  return at;
}

// relative activity per local hour: quiet at night, peaks at lunch and in the evening
const DIURNAL = [
  0.2, 0.12, 0.08, 0.06, 0.06, 0.1, 0.2, 0.4, 0.55, 0.65, 0.7, 0.75, 0.9, 0.85, 0.7, 0.7, 0.75, 0.8, 0.9, 1, 1, 0.9,
  0.6, 0.35,
];

/** A return goes through an ad of the same page that is delivering then, else one of the page's m.me links. */
function pickReturnStream(world: SimWorld, from: Stream, u: number, at: number): Stream | undefined {
  const rng = new Rng([world.structure.seed, Tag.returnPick, u]);
  const page = world.streamsByPage[from.page.index];
  if (!page) return undefined;
  if (page.ads.length > 0 && rng.chance(0.65)) {
    for (let tries = 0; tries < 8; tries += 1) {
      const candidate = rng.pick(page.ads);
      if (candidate !== from && isCovered(candidate.active, at)) return candidate;
    }
  }
  return page.links.length > 0 ? rng.pick(page.links) : undefined;
}
