import type { WorldEvent } from '../types.js';
import { DAY_MS, HOUR_MS } from './calendar.js';
import { EventHeap, type HeapItem } from './heap.js';
import { MAX_SESSION_DAYS, PRIVATE_REPLY_LEAD_MS } from './meta-rules.js';
import { POLICY_REASONS } from './names.js';
import { drawFate, type Fate } from './person.js';
import { Rng, Tag } from './rand.js';
import { renderSession } from './render.js';
import { planSession } from './session.js';
import type { SimWorld } from './sim-world.js';
import { arrivalCount } from './streams.js';

/** Chance per page and day of a policy-enforcement warning. */
export const POLICY_WARNING_DAILY_RATE = 0.01;

const SESSION_MS = MAX_SESSION_DAYS * DAY_MS;
// no zone is more than 14 hours from UTC, and a conversation's first event (a private reply) precedes its
// arrival by at most PRIVATE_REPLY_LEAD_MS: nothing from a later stream-day can come earlier than this
const SLACK_MS = 14 * HOUR_MS + PRIVATE_REPLY_LEAD_MS;

type Item = HeapItem & ({ fate: Fate; no: 0 | 1 } | { events: WorldEvent[]; next: number });

/**
 * Streams [from, to) in time order. Conversations enter a heap as markers at their start and are planned
 * only when time reaches them, so memory holds just the conversations in progress.
 */
export function* worldEvents(world: SimWorld, from: number, to: number): Generator<WorldEvent> {
  const seed = world.structure.seed;
  const lookback = from - SESSION_MS;
  const range = world.dayRange();
  const firstDay = Math.max(range.first, Math.floor(lookback / DAY_MS) - 1);
  const lastDay = Math.min(range.last, Math.floor(to / DAY_MS) + 1);
  const heap = new EventHeap<Item>();
  const returns = world.returns().byTime;
  let r = lowerBound(returns, lookback);
  for (let day = firstDay; day <= lastDay; day += 1) {
    for (const stream of world.streams) {
      const n = arrivalCount(seed, stream, day);
      for (let j = 0; j < n; j += 1) {
        const fate = drawFate(world, stream, day, j, false);
        if (fate.arrival < lookback || fate.arrival >= to) continue;
        heap.push({ time: fate.arrival - PRIVATE_REPLY_LEAD_MS, key: key(fate.u, 0, 0), fate, no: 0 });
      }
    }
    for (; r < returns.length && (returns[r]?.at ?? Infinity) < Math.min(to, (day + 2) * DAY_MS); r += 1) {
      const ref = returns[r]!;
      const fate = drawFate(world, world.streams[ref.streamIndex]!, ref.day, ref.j);
      heap.push({ time: ref.at, key: key(fate.u, 1, 0), fate, no: 1 });
    }
    pushPolicyEvents(world, heap, day, from, to);
    yield* drain(world, heap, Math.min(to, (day + 1) * DAY_MS - SLACK_MS), from);
  }
  yield* drain(world, heap, to, from);
}

function* drain(world: SimWorld, heap: EventHeap<Item>, until: number, from: number): Generator<WorldEvent> {
  for (let top = heap.peek(); top && top.time < until; top = heap.peek()) {
    heap.pop();
    if ('fate' in top) {
      const session = planSession(world, top.fate, top.no);
      const last = session?.steps[session.steps.length - 1];
      if (!session || !last || last.at < from) continue;
      const events = renderSession(world, session, from);
      const first = events[0];
      if (first) heap.push({ time: first.time, key: top.key, events, next: 0 });
      continue;
    }
    const event = top.events[top.next]!;
    yield event;
    top.next += 1;
    const following = top.events[top.next];
    if (!following) continue;
    // the cursor goes back into the heap as the same object: one allocation per conversation, not per event
    top.time = following.time;
    top.key += 1;
    heap.push(top);
  }
}

/** Tie-break key: a person's conversation, then the event's place in it. */
function key(u: number, no: 0 | 1, step: number): number {
  return (u * 2 + no) * 1024 + step;
}

function pushPolicyEvents(world: SimWorld, heap: EventHeap<Item>, day: number, from: number, to: number): void {
  for (const page of world.structure.pages) {
    const rng = new Rng([world.structure.seed, Tag.policy, page.index, day]);
    if (!rng.chance(POLICY_WARNING_DAILY_RATE)) continue;
    const time = day * DAY_MS + Math.floor(rng.float() * DAY_MS);
    if (time < from || time >= to || time < world.structure.worldStart || time >= world.structure.worldEnd) continue;
    // Meta's policy-enforcement notice has no sender: the page itself is the subject
    const event: WorldEvent['event'] = {
      recipient: { id: page.page.id },
      timestamp: time,
      policy_enforcement: { action: 'warning', reason: rng.pick(POLICY_REASONS) },
    };
    heap.push({ time, key: -1 - page.index, events: [{ pageId: page.page.id, time, event }], next: 0 });
  }
}

function lowerBound(list: readonly { at: number }[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.at ?? Infinity) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
