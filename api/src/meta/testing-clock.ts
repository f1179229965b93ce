import type { Clock } from './clock.js';

/** A clock whose sleeps return at once and move virtual time forward: waits are measured, not spent. */
export function virtualClock(start = 0): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}
