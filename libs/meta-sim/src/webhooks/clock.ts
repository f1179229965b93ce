export type ClockMode = 'realtime' | 'fast' | 'simulated';

/** Maps world time to real time for one run of the sender. */
export type WorldClock = {
  /** Real ms to wait before world time `at` is due (0 when it is already due, and always in fast mode). */
  delayUntil(at: number): number;
  /** Real ms for a span of world time: retry back-off shrinks with the simulated clock's speed-up. */
  realMs(worldMs: number): number;
};

export type ClockOptions = {
  mode: ClockMode;
  /** World time at which the run starts (simulated: the virtual clock starts here). */
  from: number;
  /** Simulated: world ms per real ms (default: a week in about 5 s). */
  speedup?: number;
  /** Realtime: world time + offset = real time (default 0: the world's timestamps are real epochs). */
  offsetMs?: number;
  now?: () => number;
};

export const DEFAULT_SPEEDUP = (7 * 86_400_000) / 5_000;

export function worldClock(opts: ClockOptions): WorldClock {
  const now = opts.now ?? Date.now;
  if (opts.mode === 'fast') return { delayUntil: () => 0, realMs: (ms) => ms };
  if (opts.mode === 'realtime') {
    const offset = opts.offsetMs ?? 0;
    return { delayUntil: (at) => Math.max(0, at + offset - now()), realMs: (ms) => ms };
  }
  const speedup = opts.speedup ?? DEFAULT_SPEEDUP;
  const startedAt = now();
  return {
    delayUntil: (at) => Math.max(0, (at - opts.from) / speedup - (now() - startedAt)),
    realMs: (ms) => ms / speedup,
  };
}
