import { overlapMs } from './lifecycle.js';
import { RESTATEMENT_DAYS } from './meta-rules.js';
import { drawFate } from './person.js';
import { Rng, Tag } from './rand.js';
import { targetKey } from './returns.js';
import { planSession, type Session } from './session.js';
import type { SimWorld } from './sim-world.js';
import { adDelivery, type Stream } from './streams.js';

/** Graph's action types, in the order rows list them; figures keep counts in this order. */
export const ACTION_TYPES = [
  'link_click',
  'onsite_conversion.messaging_conversation_started_7d',
  'onsite_conversion.total_messaging_connection',
  'onsite_conversion.messaging_first_reply',
  'onsite_conversion.messaging_conversation_replied_7d',
  'onsite_conversion.messaging_user_depth_2_message_send',
  'onsite_conversion.messaging_user_depth_3_message_send',
  'onsite_conversion.messaging_user_depth_5_message_send',
  'onsite_conversion.messaging_block',
] as const;

const A = { link: 0, started: 1, connection: 2, firstReply: 3, replied: 4, depth2: 5, depth3: 6, depth5: 7, block: 8 };

/** One ad-day in integers, so every level's sums add up exactly. */
export type Figures = { spendCents: number; impressions: number; reach: number; clicks: number; actions: number[] };

/** The figures a pull at `pulledAt` (epoch ms) sees for an ad on a local day (`pullDay` = local day of the pull). */
export function adDayFigures(
  world: SimWorld,
  stream: Stream,
  day: number,
  pulledAt: number,
  pullDay: number,
): Figures | undefined {
  if (day > pullDay) return undefined;
  const seed = world.structure.seed;
  const delivery = adDelivery(seed, stream, day);
  if (!delivery) return undefined;
  const elapsed = day < pullDay ? 1 : overlapMs(stream.active, stream.days.start(day), pulledAt) / delivery.coverMs;
  if (elapsed <= 0) return undefined;
  const scale = (n: number): number => Math.max(1, Math.round(n * Math.min(1, elapsed)));
  const actions: number[] = ACTION_TYPES.map(() => 0);
  let touches = 0;
  for (let j = 0; j < delivery.arrivals; j += 1) {
    const session = planSession(world, drawFate(world, stream, day, j, false), 0);
    if (session && session.start <= pulledAt) touches += count(actions, session, pulledAt);
  }
  const dayOffset = day - world.dayRange().first;
  for (const ref of world.returns().byTarget.get(targetKey(stream.index, dayOffset)) ?? []) {
    const origin = world.streams[ref.streamIndex];
    const session = origin && planSession(world, drawFate(world, origin, ref.day, ref.j), 1);
    if (session && session.start <= pulledAt) touches += count(actions, session, pulledAt);
  }
  const figures: Figures = {
    spendCents: scale(delivery.spendCents),
    impressions: scale(delivery.impressions),
    reach: scale(delivery.reach),
    clicks: Math.round(delivery.clicks * Math.min(1, elapsed)),
    actions,
  };
  const fresh = pullDay - day < RESTATEMENT_DAYS;
  const modelled = fresh ? restate(world, stream, day, pullDay, figures, delivery.modelled) : delivery.modelled;
  actions[A.started] = (actions[A.started] ?? 0) + modelled;
  actions[A.connection] = (actions[A.connection] ?? 0) + modelled;
  actions[A.link] = Math.max(Math.round(delivery.linkClicks * Math.min(1, elapsed)), touches);
  figures.clicks = Math.max(figures.clicks, actions[A.link] ?? 0);
  figures.impressions = Math.max(figures.impressions, figures.clicks);
  figures.reach = Math.min(figures.reach, figures.impressions);
  return figures;
}

/** Adds one conversation to the counts by the rules of meta-rules.ts; returns 1 (a touch). */
function count(actions: number[], s: Session, pulledAt: number): number {
  const add = (i: number, n = 1): void => void (actions[i] = (actions[i] ?? 0) + n);
  const isNew = s.no === 0;
  const started = isNew || !s.warm;
  let sent = 0;
  for (const at of s.inbound) if (at <= pulledAt) sent += 1;
  add(A.connection, 1 + (isNew && s.openedWithPostback ? 1 : 0));
  if (started) add(A.started);
  if (isNew && sent >= 1) add(A.firstReply);
  if (started && sent >= 1) add(A.replied);
  if (started && sent >= 2) add(A.depth2);
  if (started && sent >= 3) add(A.depth3);
  if (started && sent >= 5) add(A.depth5);
  if (s.blockedAt !== undefined && s.blockedAt <= pulledAt) add(A.block);
  return 1;
}

/** Meta keeps adjusting recent days (invalid traffic, billing, re-modelled conversions): small, deterministic. */
function restate(world: SimWorld, stream: Stream, day: number, pullDay: number, f: Figures, modelled: number): number {
  const rng = new Rng([world.structure.seed, Tag.restate, stream.index, day, pullDay]);
  f.spendCents = Math.max(1, f.spendCents + Math.round(f.spendCents * rng.between(-0.004, 0.004)));
  f.impressions = Math.max(1, f.impressions + Math.round(f.impressions * rng.between(-0.01, 0.003)));
  f.reach = Math.max(1, f.reach + rng.int(-2, 1));
  f.clicks += rng.int(0, 2);
  return Math.max(0, modelled + rng.int(-1, 1));
}
