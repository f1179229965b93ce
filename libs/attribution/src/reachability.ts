/**
 * Whether a contact can still be messaged, from the Send API's answers when the page (its bot,
 * its agents' tools, or this product) sent to them (META.md §3). The Send API never says "blocked":
 * error 551 means the person is unreachable (they blocked the page or deactivated their account,
 * and Meta does not say which). Outside the 24-hour window (10 / 2018278) is not a block, and code
 * 2 is a generic error that may or may not hide a block: neither changes reachability.
 */

/** An error as the Graph API returns it under `error`. */
export type SendApiError = { code: number; error_subcode?: number | null; message?: string | null };

export type SendOutcomeKind =
  /** the message went out */
  | 'delivered'
  /** sent outside the standard messaging window without a fitting tag: the person may still be reachable */
  | 'outside_window'
  /** 551: blocked the page or deactivated the account */
  | 'unreachable'
  /** any other error: rate limits, bad requests, transient failures (code 2 included) */
  | 'failed';

export const OUTSIDE_WINDOW = { code: 10, subcode: 2018278 } as const;
export const UNREACHABLE_CODE = 551;

export function classifySendOutcome(error: SendApiError | null | undefined): SendOutcomeKind {
  if (!error) return 'delivered';
  if (error.code === UNREACHABLE_CODE) return 'unreachable';
  if (error.code === OUTSIDE_WINDOW.code && error.error_subcode === OUTSIDE_WINDOW.subcode) return 'outside_window';
  return 'failed';
}

export type Reachability =
  { state: 'unknown' } | { state: 'reachable'; since: number } | { state: 'unreachable'; since: number };

/**
 * A contact's reachability after these send outcomes and inbound messages (times in ms): the last
 * signal wins. A delivered message or a message from the person says reachable; a 551 says
 * unreachable from the first 551 after the last sign of life. At equal times, unreachable wins
 * (the person's message came just before they blocked). Any order of the same inputs gives the
 * same answer.
 */
export function reachabilityOf(outcomes: { time: number; kind: SendOutcomeKind }[], inboundAt: number[]): Reachability {
  const signals: { time: number; reachable: boolean }[] = [
    ...inboundAt.map((time) => ({ time, reachable: true })),
    ...outcomes
      .filter((o) => o.kind === 'delivered' || o.kind === 'unreachable')
      .map((o) => ({ time: o.time, reachable: o.kind === 'delivered' })),
  ].sort((a, b) => a.time - b.time || Number(b.reachable) - Number(a.reachable));
  let result: Reachability = { state: 'unknown' };
  for (const s of signals) {
    if (s.reachable) result = { state: 'reachable', since: result.state === 'reachable' ? result.since : s.time };
    else if (result.state !== 'unreachable') result = { state: 'unreachable', since: s.time };
  }
  return result;
}
