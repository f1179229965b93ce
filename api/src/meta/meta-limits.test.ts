import { describe, expect, it } from 'vitest';
import { callGraph, DEFAULT_RETRY, GraphCallError, type GraphCaller } from './graph-call.js';
import { classifyGraphError } from './graph-failure.js';
import { RateGovernor } from './rate-governor.js';
import { virtualClock } from './testing-clock.js';
import { readUsage } from './usage-headers.js';

/** The shape facebook-nodejs-business-sdk gives a failed call. */
const sdkError = (status: number | null, error?: object, headers?: Record<string, string>) => ({
  name: 'FacebookRequestError',
  message: 'x',
  status,
  response: error ?? null,
  headers,
  url: 'https://graph.facebook.com/v24.0/act_1?access_token=SECRET',
});
const buc = (pct: number, regainMinutes: number) => ({
  'x-business-use-case-usage': JSON.stringify({
    '123': [
      {
        type: 'ads_insights',
        call_count: pct,
        total_cputime: 1,
        total_time: 2,
        estimated_time_to_regain_access: regainMinutes,
      },
    ],
  }),
});

describe('readUsage', () => {
  it.each([
    [{}, 0, 0],
    [{ 'X-App-Usage': '{"call_count":12,"total_cputime":40,"total_time":3}' }, 40, 0],
    [buc(97, 5), 97, 300_000],
    [{ 'x-fb-ads-insights-throttle': '{"app_id_util_pct":8,"acc_id_util_pct":66}' }, 66, 0],
    [{ 'x-ad-account-usage': '{"acc_id_util_pct":100,"reset_time_duration":120}' }, 100, 120_000],
    [{ 'x-app-usage': 'not json', 'x-business-use-case-usage': '[1,2]' }, 0, 0],
  ])('%o: max usage %i percent, regain in %i ms', (headers, maxPct, regainMs) => {
    expect(readUsage(headers)).toEqual({ maxPct, regainMs });
  });
});

describe('classifyGraphError', () => {
  it.each([
    [sdkError(400, { code: 190, error_subcode: 463, message: 'Session has expired' }), 'token-invalid'],
    [
      sdkError(400, { code: 17, error_subcode: 2446079, message: 'User request limit reached' }, buc(100, 3)),
      'rate-limited',
    ],
    [sdkError(400, { code: 613, error_subcode: 1487742, message: 'Calls within one hour' }), 'rate-limited'],
    [sdkError(400, { code: 80000, message: 'too many calls' }), 'rate-limited'],
    [sdkError(400, { code: 4, message: 'App request limit' }), 'rate-limited'],
    [sdkError(400, { code: 100, error_subcode: 1487534, message: 'reduce the amount of data' }), 'too-much-data'],
    [sdkError(500, { code: 2, message: 'Service temporarily unavailable', is_transient: true }), 'transient'],
    [sdkError(503, { message: 'oops' }), 'transient'],
    [sdkError(null), 'transient'],
    [sdkError(400, { code: 100, message: 'Invalid parameter' }), 'permanent'],
  ])('%#: %s', (error, kind) => {
    expect(classifyGraphError(error).kind).toBe(kind);
  });

  it('waits as long as Meta estimates, and never repeats the URL with its token', () => {
    const failure = classifyGraphError(sdkError(400, { code: 17, message: 'User request limit reached' }, buc(100, 3)));
    expect(failure).toMatchObject({ kind: 'rate-limited', waitMs: 180_000 });
    expect(JSON.stringify(failure)).not.toContain('SECRET');
  });
});

function caller(): GraphCaller & { clock: ReturnType<typeof virtualClock>; requests: number } {
  const clock = virtualClock();
  const c = { governor: new RateGovernor(clock), clock, policy: DEFAULT_RETRY, random: () => 0.5, requests: 0 };
  return Object.assign(c, { onRequest: () => void c.requests++ });
}

describe('callGraph', () => {
  it('retries transient failures with growing backoff, then succeeds', async () => {
    const c = caller();
    let calls = 0;
    const result = await callGraph(
      c,
      'act_1',
      async () => {
        if (++calls < 4) throw sdkError(500, { code: 1, message: 'unknown error', is_transient: true });
        return 'rows';
      },
      () => undefined,
    );
    expect(result).toBe('rows');
    expect(c.clock.slept).toEqual([250, 500, 1000]);
  });

  it('gives up on a transient failure after the allowed attempts', async () => {
    const c = caller();
    const call = callGraph(
      c,
      'act_1',
      async () => Promise.reject(sdkError(null)),
      () => undefined,
    );
    await expect(call).rejects.toBeInstanceOf(GraphCallError);
    expect(c.requests).toBe(DEFAULT_RETRY.attempts);
  });

  it('never retries an invalid token', async () => {
    const c = caller();
    const call = callGraph(
      c,
      'act_1',
      async () => Promise.reject(sdkError(400, { code: 190, message: 'bad' })),
      () => undefined,
    );
    await expect(call).rejects.toMatchObject({ failure: { kind: 'token-invalid' } });
    expect(c.requests).toBe(1);
  });

  it('sends nothing more with a token Meta refused', async () => {
    const c = caller();
    const refuse = async () => Promise.reject(sdkError(400, { code: 190, message: 'bad' }));
    await expect(callGraph(c, 'act_1', refuse, () => undefined)).rejects.toBeInstanceOf(GraphCallError);
    const later = callGraph(
      c,
      'act_2',
      async () => 'rows',
      () => undefined,
    );
    await expect(later).rejects.toMatchObject({ failure: { kind: 'token-invalid' } });
    expect(c.requests).toBe(1);
  });

  it('waits out a rate limit for exactly as long as Meta asks, for that account only', async () => {
    const c = caller();
    let calls = 0;
    await callGraph(
      c,
      'act_1',
      async () => {
        if (++calls === 1) throw sdkError(400, { code: 80000, message: 'limit' }, buc(100, 2));
        return 'ok';
      },
      () => undefined,
    );
    expect(c.clock.slept).toEqual([120_000]);
    expect(c.governor.waitedMs.get('act_1')).toBe(120_000);
    await callGraph(
      c,
      'act_2',
      async () => 'ok',
      () => undefined,
    );
    expect(c.clock.slept).toEqual([120_000]);
  });
});

describe('RateGovernor', () => {
  it.each([
    [10, 4],
    [60, 2],
    [80, 1],
    [99, 1],
  ])('at %i percent usage allows %i parallel calls', (pct, parallel) => {
    const governor = new RateGovernor(virtualClock());
    governor.observe('act_1', { maxPct: pct, regainMs: 0 });
    expect(governor.concurrencyFor('act_1')).toBe(parallel);
    expect(governor.concurrencyFor('act_2')).toBe(4);
  });

  it('pauses near the limit instead of hammering the account', async () => {
    const clock = virtualClock(1_000_000);
    const governor = new RateGovernor(clock);
    await governor.run('act_1', async () => 'first');
    governor.observe('act_1', { maxPct: 96, regainMs: 0 });
    await governor.run('act_1', async () => 'second');
    expect(clock.slept).toEqual([60_000]);
  });

  it('never runs more calls at once than the usage allows', async () => {
    const governor = new RateGovernor(virtualClock());
    governor.observe('act_1', { maxPct: 60, regainMs: 0 });
    let active = 0;
    let peak = 0;
    const call = async () => {
      peak = Math.max(peak, ++active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
    };
    await Promise.all(Array.from({ length: 10 }, () => governor.run('act_1', call)));
    expect(peak).toBe(2);
  });
});
