import { compact, idString, isRecord, text } from './json.js';
import type { Referral } from './types.js';

/** A referral without a source (never documented, seen in old payloads) is kept under this one. */
export const UNKNOWN_SOURCE = 'UNKNOWN';

/** Normalises a referral object from postback.referral, message.referral or the event level. */
export function parseReferral(value: unknown): Referral | undefined {
  if (!isRecord(value)) return undefined;
  const context = isRecord(value.ads_context_data) ? value.ads_context_data : {};
  return compact({
    source: text(value.source) || UNKNOWN_SOURCE,
    type: text(value.type),
    ref: text(value.ref),
    adId: idString(value.ad_id),
    adTitle: text(context.ad_title),
    postId: idString(context.post_id),
    refererUri: text(value.referer_uri),
  });
}

const REF = /^[A-Za-z0-9_=-]+$/;

/** Meta's rule for the `ref` of an m.me link: letters, digits, `-`, `_` and `=` only. */
export function isRefValid(ref: string): boolean {
  return REF.test(ref);
}

// Facebook page usernames are letters, digits and dots; numeric page ids work in m.me links too
const PAGE = /^[A-Za-z0-9.]+$/;

/** The m.me link that opens the page's thread with this ref; throws on a ref Meta would not pass on. */
export function mmeLink(pageUsername: string, ref: string): string {
  if (!PAGE.test(pageUsername)) throw new RangeError(`"${pageUsername}" is not a page username or id.`);
  if (!isRefValid(ref)) {
    throw new RangeError(`Ref "${ref}" may contain only letters, digits, "-", "_" and "=".`);
  }
  return `https://m.me/${pageUsername}?ref=${ref}`;
}
