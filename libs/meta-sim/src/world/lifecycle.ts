import type { ObjectChange, Status } from '../types.js';
import { DAY_MS, graphTime, MINUTE_MS } from './calendar.js';
import type { Rng } from './rand.js';

/** [from, to) in epoch ms. */
export type Interval = { from: number; to: number };

/** A status/name change at an epoch time, before it is formatted for Graph. */
export type Change = { at: number; name?: string; status?: Status };

export type LifecycleOptions = {
  created: number;
  worldEnd: number;
  name: string;
  renamed: string;
  pauseChance: number;
  resumeChance: number;
  renameChance: number;
  archiveChance: number;
};

/** Draws an object's history after creation: maybe renamed, paused, resumed, archived. */
export function drawLifecycle(rng: Rng, o: LifecycleOptions): Change[] {
  const changes: Change[] = [{ at: o.created, name: o.name, status: 'ACTIVE' }];
  const span = o.worldEnd - o.created;
  if (span < 2 * DAY_MS) return changes;
  if (rng.chance(o.renameChance)) {
    changes.push({ at: o.created + Math.floor(rng.between(0.1, 0.9) * span), name: o.renamed });
  }
  if (rng.chance(o.pauseChance)) {
    const pausedAt = o.created + Math.floor(rng.between(0.15, 0.85) * span);
    changes.push({ at: pausedAt, status: 'PAUSED' });
    const rest = o.worldEnd - pausedAt;
    if (rng.chance(o.resumeChance)) {
      changes.push({ at: pausedAt + Math.floor(rng.between(0.2, 0.6) * rest), status: 'ACTIVE' });
    } else if (rng.chance(o.archiveChance)) {
      changes.push({ at: pausedAt + Math.floor(rng.between(0.3, 0.9) * rest), status: 'ARCHIVED' });
    }
  }
  // people make changes on whole minutes; Graph's times have second precision anyway
  for (const change of changes.slice(1)) change.at = Math.max(o.created, Math.floor(change.at / MINUTE_MS) * MINUTE_MS);
  return changes.sort((a, b) => a.at - b.at).filter((c) => c.at < o.worldEnd);
}

/** The state after every change up to `until`. */
export function stateAt(changes: readonly Change[], until: number): { name: string; status: Status; updated: number } {
  let name = '';
  let status: Status = 'ACTIVE';
  let updated = changes[0]?.at ?? 0;
  for (const change of changes) {
    if (change.at >= until) break;
    if (change.name !== undefined) name = change.name;
    if (change.status !== undefined) status = change.status;
    updated = change.at;
  }
  return { name, status, updated };
}

/** Intervals during which the status is ACTIVE, clipped to [from, to). */
export function activeIntervals(changes: readonly Change[], from: number, to: number): Interval[] {
  const out: Interval[] = [];
  let start: number | undefined;
  for (const change of changes) {
    if (change.status === undefined) continue;
    if (change.status === 'ACTIVE' && start === undefined) start = change.at;
    if (change.status !== 'ACTIVE' && start !== undefined) {
      out.push({ from: start, to: change.at });
      start = undefined;
    }
  }
  if (start !== undefined) out.push({ from: start, to });
  return clip(out, from, to);
}

function clip(intervals: Interval[], from: number, to: number): Interval[] {
  return intervals.map((i) => ({ from: Math.max(i.from, from), to: Math.min(i.to, to) })).filter((i) => i.to > i.from);
}

/** Intersection of two sorted interval lists. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a)
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (to > from) out.push({ from, to });
    }
  return out.sort((p, q) => p.from - q.from);
}

/** Milliseconds of [from, to) covered by the intervals. */
export function overlapMs(intervals: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const i of intervals) total += Math.max(0, Math.min(i.to, to) - Math.max(i.from, from));
  return total;
}

/** The instant `offset` ms into the covered part of [from, to). */
export function pointInCover(intervals: readonly Interval[], from: number, to: number, offset: number): number {
  let left = offset;
  for (const i of intervals) {
    const a = Math.max(i.from, from);
    const b = Math.min(i.to, to);
    if (b <= a) continue;
    if (left < b - a) return a + Math.floor(left);
    left -= b - a;
  }
  throw new Error('offset beyond the covered time');
}

export function isCovered(intervals: readonly Interval[], at: number): boolean {
  return intervals.some((i) => at >= i.from && at < i.to);
}

export function toObjectChanges(changes: readonly Change[], timeZone: string): ObjectChange[] {
  return changes.map((c) => ({ at: graphTime(c.at, timeZone), ...pick(c) }));
}

function pick(c: Change): Omit<ObjectChange, 'at'> {
  return { ...(c.name === undefined ? {} : { name: c.name }), ...(c.status === undefined ? {} : { status: c.status }) };
}
