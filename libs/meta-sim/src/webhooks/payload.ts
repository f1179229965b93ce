import { createHmac } from 'node:crypto';
import type { MessagingEvent, WorldEvent } from '../types.js';

/** One POST body as Meta sends it: the exact bytes signed and sent, and the events it carries. */
export type Payload = { body: Buffer; signature: string; events: WorldEvent[] };

export type WebhookBody = {
  object: 'page';
  entry: { id: string; time: number; messaging: MessagingEvent[] }[];
};

/** JSON with every non-ASCII character escaped as `\uXXXX` (surrogate pairs as two escapes), as Meta serialises. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`: the X-Hub-Signature-256 header. */
export function sign(body: Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Groups the events of one delivery tick as Meta does when traffic is dense: one entry per page, in time order,
 * several entries per POST, at most `maxEvents` events per POST.
 */
export function buildPayloads(events: WorldEvent[], appSecret: string, maxEvents: number): Payload[] {
  const payloads: Payload[] = [];
  for (let i = 0; i < events.length; i += maxEvents) {
    const chunk = events.slice(i, i + maxEvents);
    const byPage = new Map<string, WorldEvent[]>();
    for (const w of chunk) byPage.set(w.pageId, [...(byPage.get(w.pageId) ?? []), w]);
    const entry = [...byPage].map(([id, list]) => ({
      id,
      time: Math.max(...list.map((w) => w.time)),
      messaging: list.map((w) => w.event),
    }));
    const body = Buffer.from(metaJson({ object: 'page', entry } satisfies WebhookBody), 'utf8');
    payloads.push({ body, signature: sign(body, appSecret), events: chunk });
  }
  return payloads;
}
