import { drawFate } from './person.js';
import type { SimWorld } from './sim-world.js';
import { arrivalCount, DAY_SLOTS } from './streams.js';

/** Where a return came from (to regenerate the person) and when it happens. */
export type ReturnRef = {
  streamIndex: number;
  day: number;
  j: number;
  at: number;
  targetStream: number;
  targetDay: number;
};

/** Every return of the world: sorted by time (for events) and grouped by target ad-day (for insights). */
export type ReturnsIndex = { byTime: ReturnRef[]; byTarget: Map<number, ReturnRef[]> };

export const targetKey = (streamIndex: number, dayOffset: number): number => streamIndex * DAY_SLOTS + dayOffset;

/**
 * Decides every person's fate once (cheap draws, no conversations) to find who comes back where.
 * Holds only the returns (about a tenth of the people), so it stays small even for the large world.
 */
export function buildReturnsIndex(world: SimWorld): ReturnsIndex {
  const seed = world.structure.seed;
  const { first, last } = world.dayRange();
  const byTime: ReturnRef[] = [];
  const byTarget = new Map<number, ReturnRef[]>();
  for (let day = first; day <= last; day += 1) {
    for (const stream of world.streams) {
      const n = arrivalCount(seed, stream, day);
      for (let j = 0; j < n; j += 1) {
        const comeback = drawFate(world, stream, day, j).comeback;
        if (!comeback) continue;
        const target = comeback.stream;
        const targetDay = target.days.dayOf(comeback.at) ?? last;
        const ref = { streamIndex: stream.index, day, j, at: comeback.at, targetStream: target.index, targetDay };
        byTime.push(ref);
        const key = targetKey(target.index, targetDay - first);
        const list = byTarget.get(key);
        if (list) list.push(ref);
        else byTarget.set(key, [ref]);
      }
    }
  }
  byTime.sort((a, b) => a.at - b.at || a.streamIndex - b.streamIndex || a.day - b.day || a.j - b.j);
  return { byTime, byTarget };
}
