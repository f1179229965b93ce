import type { Clock } from './clock.js';
import { classifyGraphError, type GraphFailure } from './graph-failure.js';
import type { RateGovernor } from './rate-governor.js';
import { readUsage } from './usage-headers.js';

/** A Graph call that will not succeed by retrying; `failure` says why, in Meta's terms. */
export class GraphCallError extends Error {
  override readonly name = 'GraphCallError';
  constructor(readonly failure: GraphFailure) {
    super(failure.message);
  }
}

export type RetryPolicy = {
  /** Tries for transient failures (5xx, timeouts, resets, codes 1 and 2). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Rate-limit errors waited out (each for Meta's own estimate) before giving up. */
  rateLimitWaits: number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, rateLimitWaits: 8 };

export type GraphCaller = {
  governor: RateGovernor;
  clock: Clock;
  policy: RetryPolicy;
  /** Uniform in [0, 1): injectable so backoff jitter is reproducible in tests. */
  random: () => number;
  /** Counts every HTTP request actually sent, retries included. */
  onRequest?: (key: string) => void;
  /** Set once Meta refuses the caller's token (190): every later call fails with it, unsent. */
  tokenRefused?: GraphFailure;
};

/**
 * Runs one Graph request under the account's governor, retrying transient failures with exponential
 * backoff and full jitter and waiting out rate limits for as long as Meta asks. Token errors (190),
 * "too much data" and other permanent errors are thrown at once as GraphCallError.
 */
export async function callGraph<T>(
  caller: GraphCaller,
  key: string,
  request: () => Promise<T>,
  headersOf: (result: T) => Record<string, unknown> | undefined,
): Promise<T> {
  let transient = 0;
  let limited = 0;
  for (;;) {
    try {
      const result = await caller.governor.run(key, () => {
        if (caller.tokenRefused) throw new GraphCallError(caller.tokenRefused);
        caller.onRequest?.(key);
        return request();
      });
      caller.governor.observe(key, readUsage(headersOf(result)));
      return result;
    } catch (error) {
      if (error instanceof GraphCallError) throw error;
      const failure = classifyGraphError(error);
      if (failure.kind === 'token-invalid') caller.tokenRefused ??= failure;
      const headers = (error as { headers?: Record<string, unknown> } | null)?.headers;
      if (headers) caller.governor.observe(key, readUsage(headers));
      if (failure.kind === 'rate-limited' && ++limited <= caller.policy.rateLimitWaits) {
        caller.governor.block(key, failure.waitMs);
        continue;
      }
      if (failure.kind === 'transient' && ++transient < caller.policy.attempts) {
        const cap = Math.min(caller.policy.maxDelayMs, caller.policy.baseDelayMs * 2 ** (transient - 1));
        await caller.clock.sleep(Math.round(caller.random() * cap));
        continue;
      }
      throw new GraphCallError(failure);
    }
  }
}
