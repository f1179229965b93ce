export type * from './types.js';
export { parseDelivery, tryParseDelivery, DeliveryShapeError, type DeliveryParseResult } from './parse-delivery.js';
export { parseItem, type ItemResult } from './parse-item.js';
export { eventId } from './identity.js';
export { parseReferral, isRefValid, mmeLink, UNKNOWN_SOURCE } from './referral.js';
export { summarizeContact, ContactMismatchError, REFERRAL_GRACE_MS } from './contact.js';
export { timelineOf } from './timeline.js';
export { attributeConversion } from './attribute.js';
export { matchConversionRule, globRegExp, keywordRegExp } from './conversion-rules.js';
export { canonicalJson, contentHash } from './json.js';
export {
  classifySendOutcome,
  reachabilityOf,
  OUTSIDE_WINDOW,
  UNREACHABLE_CODE,
  type SendApiError,
  type SendOutcomeKind,
  type Reachability,
} from './reachability.js';
