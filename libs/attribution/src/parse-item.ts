import { compact, epochMs, idString, isRecord, text, type JsonRecord } from './json.js';
import { eventId } from './identity.js';
import { parseReferral } from './referral.js';
import type { EventKind, MessengerEvent } from './types.js';

/** One messaging item: an event, or the sentence saying why it is kept raw. */
export type ItemResult = { event: MessengerEvent } | { reason: string };

type Details = Partial<Omit<MessengerEvent, 'id' | 'pageId' | 'time' | 'kind' | 'psid' | 'userRef'>>;

// first key present wins; Meta sends exactly one of them per item
const KIND_KEYS: readonly (readonly [string, EventKind])[] = [
  ['postback', 'postback'],
  ['referral', 'referral'],
  ['read', 'read'],
  ['delivery', 'delivery'],
  ['optin', 'optin'],
  ['policy_enforcement', 'policy'],
];

const ENVELOPE = new Set(['sender', 'recipient', 'timestamp']);

export function kindOf(item: JsonRecord): EventKind {
  if (isRecord(item.message)) return item.message.is_echo === true ? 'echo' : 'message';
  for (const [key, kind] of KIND_KEYS) if (isRecord(item[key])) return kind;
  return 'unknown';
}

/** Validates and normalises one item of `entry[].messaging[]` (or `standby[]`) of page `entryPage`. */
export function parseItem(item: unknown, entryPage: string | undefined, standby = false): ItemResult {
  if (!isRecord(item)) return { reason: 'The messaging item is not an object.' };
  const time = epochMs(item.timestamp);
  if (time === undefined) return { reason: 'The messaging item has no numeric timestamp.' };
  const kind = kindOf(item);
  const pageId = entryPage ?? pageOf(item, kind);
  if (!pageId) return { reason: 'The messaging item names no page (no entry id, no page-side id).' };
  const person = personOf(item, kind);
  if (kind !== 'policy' && kind !== 'unknown' && !person.psid && !person.userRef) {
    return { reason: `The ${kind} item names no person (no sender id or user_ref).` };
  }
  const details = detailsOf(kind, item);
  if (typeof details === 'string') return { reason: details };
  const event = compact({ pageId, ...person, time, kind, ...details, standby: standby ? (true as const) : undefined });
  return { event: { id: eventId(event, item), ...event } };
}

/** The page is the recipient of what the person sends and the sender of echoes. */
function pageOf(item: JsonRecord, kind: EventKind): string | undefined {
  const side = kind === 'echo' ? item.sender : item.recipient;
  return isRecord(side) ? idString(side.id) : undefined;
}

/** The person is the sender, except for echoes (the page wrote to them); checkbox opt-ins name a user_ref only. */
function personOf(item: JsonRecord, kind: EventKind): { psid?: string; userRef?: string } {
  if (kind === 'policy') return {};
  const side = kind === 'echo' ? item.recipient : item.sender;
  const who = isRecord(side) ? side : {};
  const optin = isRecord(item.optin) ? item.optin : {};
  return compact({ psid: idString(who.id), userRef: text(who.user_ref) ?? text(optin.user_ref) });
}

function detailsOf(kind: EventKind, item: JsonRecord): Details | string {
  switch (kind) {
    case 'message':
    case 'echo':
      return messageDetails(isRecord(item.message) ? item.message : {}, item, kind === 'echo');
    case 'postback':
      return postbackDetails(isRecord(item.postback) ? item.postback : {});
    case 'referral':
      return { referral: parseReferral(item.referral) };
    case 'read':
    case 'delivery':
      return watermarkDetails(kind, isRecord(item[kind]) ? (item[kind] as JsonRecord) : {});
    case 'optin':
      return { optin: optinDetails(isRecord(item.optin) ? item.optin : {}) };
    case 'policy':
      return policyDetails(isRecord(item.policy_enforcement) ? item.policy_enforcement : {});
    case 'unknown':
      return { unknownKeys: Object.keys(item).filter((k) => !ENVELOPE.has(k)) };
  }
}

function messageDetails(message: JsonRecord, item: JsonRecord, echo: boolean): Details {
  const quickReply = isRecord(message.quick_reply) ? message.quick_reply : {};
  const attachments = Array.isArray(message.attachments) ? message.attachments.map(attachmentOf) : undefined;
  return compact({
    mid: idString(message.mid),
    text: text(message.text),
    payload: text(quickReply.payload),
    attachments,
    // message-level referral is how some ad clicks arrive; an event-level one beside a message is kept too
    referral: echo ? undefined : (parseReferral(message.referral) ?? parseReferral(item.referral)),
    appId: echo ? idString(message.app_id) : undefined,
  });
}

function attachmentOf(value: unknown): { type: string; url?: string } {
  const attachment = isRecord(value) ? value : {};
  const payload = isRecord(attachment.payload) ? attachment.payload : {};
  return compact({ type: text(attachment.type) ?? 'unknown', url: text(payload.url) });
}

function postbackDetails(postback: JsonRecord): Details {
  return compact({
    mid: idString(postback.mid),
    title: text(postback.title),
    payload: text(postback.payload),
    referral: parseReferral(postback.referral),
  });
}

function watermarkDetails(kind: 'read' | 'delivery', body: JsonRecord): Details | string {
  const watermark = epochMs(body.watermark);
  if (watermark === undefined) return `The ${kind} item has no numeric watermark.`;
  const mids = Array.isArray(body.mids) ? body.mids.map(idString).filter((m) => m !== undefined) : undefined;
  return compact({ watermark, mids });
}

function optinDetails(optin: JsonRecord): NonNullable<MessengerEvent['optin']> {
  return compact({
    type: text(optin.type),
    token: text(optin.notification_messages_token),
    tokenExpiresAt: epochMs(optin.token_expiry_timestamp),
    tokenStatus: text(optin.user_token_status),
    notificationStatus: text(optin.notification_messages_status),
    oneTimeToken: text(optin.one_time_notif_token),
    payload: text(optin.payload),
    ref: text(optin.ref),
  });
}

function policyDetails(policy: JsonRecord): Details | string {
  const action = text(policy.action);
  if (!action) return 'The policy-enforcement item has no action.';
  return { policy: compact({ action, reason: text(policy.reason) }) };
}
