import { contentHash } from './json.js';
import type { MessengerEvent } from './types.js';

/**
 * The stable identity of an event, the same however often Meta re-sends it:
 * `mid:<mid>` for messages and echoes; `<kind>:<page>:<psid or user_ref>:<timestamp>` for the rest,
 * plus the watermark (reads, deliveries) or the action (policy, which names no person);
 * a content hash of page and item for kinds we do not know, whose fields say nothing about identity.
 */
export function eventId(event: Omit<MessengerEvent, 'id'>, item: unknown): string {
  if ((event.kind === 'message' || event.kind === 'echo') && event.mid) return `mid:${event.mid}`;
  if (event.kind === 'unknown') return itemHash(event.pageId, item);
  const base = `${event.kind}:${event.pageId}:${event.psid ?? event.userRef ?? ''}:${event.time}`;
  if (event.watermark !== undefined) return `${base}:${event.watermark}`;
  if (event.policy) return `${base}:${event.policy.action}`;
  return base;
}

/** Identity of anything kept raw (unknown kinds, malformed items): page and content. */
export function itemHash(pageId: string | undefined, item: unknown): string {
  return `hash:${contentHash({ pageId: pageId ?? null, item })}`;
}
