import { seededRandom, type Random } from './rng.js';

/** Faults injected per call; rates are probabilities in [0, 1]. */
export type Faults = {
  /** Added to every answer (benchmarks and the CLI use ~150 ms; tests 0). */
  latencyMs?: number;
  /** Share of calls answered 500 with Graph's transient error (code 1 or 2). */
  errorRate?: number;
  /** Share of calls whose socket is destroyed without an answer. */
  dropRate?: number;
  /** Share of calls that hang `hangMs` before answering: slower than a client's timeout. */
  hangRate?: number;
  hangMs?: number;
  /** Share of async report runs that end in `Job Failed`. */
  reportFailRate?: number;
  seed?: number;
};

export type FaultDecision = { kind: 'none' | 'error' | 'drop' | 'hang'; delayMs: number; code: 1 | 2 };

/** Decides, call by call, which fault (if any) to inject: one seeded draw per call keeps runs repeatable. */
export class FaultInjector {
  private faults: Faults = {};
  private random: Random = seededRandom(0);

  constructor(faults: Faults = {}) {
    this.set(faults);
  }

  set(faults: Faults): void {
    this.faults = { ...faults };
    this.random = seededRandom(faults.seed ?? 0);
  }

  get current(): Readonly<Faults> {
    return this.faults;
  }

  next(): FaultDecision {
    const f = this.faults;
    const draw = this.random();
    const code = this.random() < 0.5 ? 1 : 2;
    const latency = f.latencyMs ?? 0;
    let edge = f.errorRate ?? 0;
    if (draw < edge) return { kind: 'error', delayMs: latency, code };
    edge += f.dropRate ?? 0;
    if (draw < edge) return { kind: 'drop', delayMs: latency, code };
    edge += f.hangRate ?? 0;
    if (draw < edge) return { kind: 'hang', delayMs: latency + (f.hangMs ?? 30_000), code };
    return { kind: 'none', delayMs: latency, code };
  }

  reportFails(): boolean {
    return this.random() < (this.faults.reportFailRate ?? 0);
  }
}
