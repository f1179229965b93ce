import { canonicalJson } from './json.js';
import type { MessengerEvent } from './types.js';

/** Orders events by (time, id), then content, so any input order gives one sequence. */
export function byTimeThenId(a: MessengerEvent, b: MessengerEvent): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const [x, y] = [canonicalJson(a), canonicalJson(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorted, one event per id (the earliest, then the smallest content, if a re-send ever differed). */
export function timelineOf(events: readonly MessengerEvent[]): MessengerEvent[] {
  const seen = new Set<string>();
  const out: MessengerEvent[] = [];
  for (const event of [...events].sort(byTimeThenId)) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    out.push(event);
  }
  return out;
}
