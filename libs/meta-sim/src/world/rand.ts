import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_32 = 0x1_0000_0000;

/**
 * Mixes a list of safe integers into a 32-bit seed (murmur3-style avalanche), so that every
 * (seed, kind, object, day, ...) key gets its own independent pure-rand stream without shared state.
 */
export function hashKey(parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const lo = part >>> 0;
    const hi = Math.floor(part / TWO_32) >>> 0;
    h = Math.imul(h ^ lo, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15), 0x85ebca77);
    h = Math.imul(h ^ hi, 0xc2b2ae3d);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded random stream with the few distributions the world needs. */
export class Rng {
  private readonly gen: RandomGenerator;

  constructor(parts: readonly number[]) {
    this.gen = xoroshiro128plus(hashKey(parts) | 0);
    // the first output of a freshly seeded xoroshiro echoes its seed: skip it
    this.gen.next();
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.gen.next() >>> 0) / TWO_32;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Poisson draw: Knuth's method for small means, a rounded normal approximation above 30. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k += 1;
      p *= this.float();
    }
    return k;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Multiplicative noise around 1 with the given spread, never below 0. */
  noise(spread: number): number {
    return Math.max(0, 1 + spread * this.normal());
  }
}

/** Tags that keep the random streams of different concerns apart. */
export const Tag = {
  structure: 1,
  adParams: 2,
  delivery: 3,
  arrivals: 4,
  person: 5,
  session: 6,
  restate: 7,
  policy: 8,
  render: 9,
  returnPick: 10,
} as const;
