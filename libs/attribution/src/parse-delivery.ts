import { idString, isRecord } from './json.js';
import { itemHash } from './identity.js';
import { parseItem } from './parse-item.js';
import type { ParsedDelivery } from './types.js';

/** The body is not `{"object": string, "entry": [...]}`: nothing in it can be read as events. */
export class DeliveryShapeError extends Error {
  readonly code = 'DELIVERY_SHAPE';
  override readonly name = 'DeliveryShapeError';
}

export type DeliveryParseResult = { ok: true; delivery: ParsedDelivery } | { ok: false; error: DeliveryShapeError };

const LISTS = ['messaging', 'standby'] as const;

/**
 * Parses a webhook POST body into events. Throws DeliveryShapeError only when the envelope itself is wrong;
 * anything inside it that we cannot read is returned in `unknown`, never dropped.
 */
export function parseDelivery(body: unknown): ParsedDelivery {
  if (!isRecord(body))
    throw new DeliveryShapeError('The delivery is not a JSON object like {"object":"page","entry":[…]}.');
  if (typeof body.object !== 'string') throw new DeliveryShapeError('The delivery has no "object" string.');
  if (!Array.isArray(body.entry)) throw new DeliveryShapeError('The delivery has no "entry" array.');
  const delivery: ParsedDelivery = { object: body.object, events: [], unknown: [] };
  for (const entry of body.entry) parseEntry(entry, body.object, delivery);
  return delivery;
}

/**
 * The api's path: a signed delivery must be acknowledged and stored whatever its shape (Meta adds fields and
 * event types), so it needs the verdict as a value, not an exception, and stores the raw body either way.
 */
export function tryParseDelivery(body: unknown): DeliveryParseResult {
  try {
    return { ok: true, delivery: parseDelivery(body) };
  } catch (error) {
    if (error instanceof DeliveryShapeError) return { ok: false, error };
    throw error;
  }
}

function parseEntry(entry: unknown, object: string, out: ParsedDelivery): void {
  if (!isRecord(entry)) return keep(out, undefined, entry, 'The entry is not an object.');
  const pageId = idString(entry.id);
  const lists = LISTS.filter((key) => Array.isArray(entry[key]));
  if (lists.length === 0) return keep(out, pageId, entry, 'The entry has no messaging or standby array.');
  // other objects (instagram, ...) share field names but not identities: keep them, never read them as Messenger
  if (object !== 'page') return keep(out, pageId, entry, `The delivery is for object "${object}", not "page".`);
  for (const key of lists) {
    for (const item of entry[key] as unknown[]) {
      const result = parseItem(item, pageId, key === 'standby');
      if ('event' in result) out.events.push(result.event);
      else keep(out, pageId, item, result.reason);
    }
  }
}

function keep(out: ParsedDelivery, pageId: string | undefined, item: unknown, reason: string): void {
  out.unknown.push({ id: itemHash(pageId, item), ...(pageId === undefined ? {} : { pageId }), item, reason });
}
