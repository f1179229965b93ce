export type * from './types.js';
export { parseDelivery, tryParseDelivery, DeliveryShapeError, type DeliveryParseResult } from './parse-delivery.js';
export { parseItem, type ItemResult } from './parse-item.js';
export { eventId } from './identity.js';
export { parseReferral, isRefValid, mmeLink, UNKNOWN_SOURCE } from './referral.js';
export { canonicalJson, contentHash } from './json.js';
