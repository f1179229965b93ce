import type { PersonTruth, World, WorldEvent, WorldSize } from '../types.js';
import { DAY_MS } from './calendar.js';
import { createWorld } from './create-world.js';

/** Shared by the world's tests: one cached world per size, with everything materialised once. */
export type Loaded = { world: World; events: WorldEvent[]; truth: PersonTruth[]; from: number; to: number };

export const END_DATE = '2025-03-30';
const cache = new Map<string, Loaded>();

export function load(size: WorldSize, seed = 11): Loaded {
  const key = `${size}/${seed}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const world = createWorld({ seed, size, endDate: END_DATE });
  const to = Date.parse(`${END_DATE}T00:00:00Z`) + DAY_MS;
  const from = to - 400 * DAY_MS;
  const loaded = { world, events: [...world.events(from, to)], truth: [...world.truth()], from, to };
  cache.set(key, loaded);
  return loaded;
}

/** The person (PSID or user_ref) an event is about, whichever side they are on. */
export function personOf(e: WorldEvent): string | undefined {
  const { sender, recipient } = e.event;
  if (sender?.id === e.pageId) return recipient.id;
  return sender?.id ?? sender?.user_ref;
}

export function eventsByPerson(events: WorldEvent[]): Map<string, WorldEvent[]> {
  const map = new Map<string, WorldEvent[]>();
  for (const e of events) {
    const who = personOf(e);
    if (who === undefined) continue;
    const list = map.get(who);
    if (list) list.push(e);
    else map.set(who, [e]);
  }
  return map;
}
