import { describe, expect, it } from 'vitest';
import { worldClock } from './clock.js';

describe('world clocks', () => {
  it('realtime: an event is due when its world time, shifted by the offset, is now', () => {
    let now = 1_000_000;
    const clock = worldClock({ mode: 'realtime', from: 0, offsetMs: 500, now: () => now });
    expect(clock.delayUntil(1_000_000)).toBe(500);
    now += 800;
    expect(clock.delayUntil(1_000_000)).toBe(0);
    expect(clock.realMs(60_000)).toBe(60_000);
  });

  it('simulated: world time runs `speedup` times faster from the start of the span', () => {
    let now = 0;
    const clock = worldClock({ mode: 'simulated', from: 10_000, speedup: 100, now: () => now });
    expect(clock.delayUntil(10_000 + 100_000)).toBe(1_000);
    now = 400;
    expect(clock.delayUntil(10_000 + 100_000)).toBe(600);
    expect(clock.realMs(3_600_000)).toBe(36_000);
  });

  it('fast: nothing waits', () => {
    const clock = worldClock({ mode: 'fast', from: 0 });
    expect(clock.delayUntil(Number.MAX_SAFE_INTEGER)).toBe(0);
  });
});
