import { parseItem } from '../parse-item.js';
import type { MessengerEvent } from '../types.js';

/** Builds events the way they arrive: a raw Meta item, parsed. Times are seconds after T0. */
export const PAGE = '104857600000001';
export const PSID = '7312345678901234';
export const T0 = 1_732_521_600_000;
export const at = (seconds: number): number => T0 + seconds * 1000;
export const DAY_S = 86_400;

type Raw = Record<string, unknown>;
type Who = { psid?: string; userRef?: string; page?: string };

export const mme = (ref: string): Raw => ({ ref, source: 'SHORTLINK', type: 'OPEN_THREAD' });
export const ad = (adId: string, title = 'Spring sale'): Raw => ({
  ad_id: adId,
  source: 'ADS',
  type: 'OPEN_THREAD',
  ads_context_data: { ad_title: title },
});
export const plugin = (ref: string): Raw => ({
  ref,
  source: 'CUSTOMER_CHAT_PLUGIN',
  type: 'OPEN_THREAD',
  referer_uri: 'https://shop.example.com/',
});

function parsed(item: Raw, who: Who): MessengerEvent {
  const result = parseItem(item, who.page ?? PAGE);
  if (!('event' in result)) throw new Error(result.reason);
  return result.event;
}

function person(who: Who): Raw {
  return who.userRef ? { user_ref: who.userRef } : { id: who.psid ?? PSID };
}

function inbound(seconds: number, body: Raw, who: Who = {}): MessengerEvent {
  const item = { sender: person(who), recipient: { id: who.page ?? PAGE }, timestamp: at(seconds), ...body };
  return parsed(item, who);
}

export const message = (s: number, mid: string, text = 'hello', referral?: Raw, who?: Who): MessengerEvent =>
  inbound(s, { message: { mid, text, ...(referral ? { referral } : {}) } }, who);
export const quickReply = (s: number, mid: string, payload: string): MessengerEvent =>
  inbound(s, { message: { mid, text: payload.toLowerCase(), quick_reply: { payload } } });
export const postback = (s: number, payload: string, referral?: Raw, who?: Who): MessengerEvent =>
  inbound(s, { postback: { title: payload, payload, ...(referral ? { referral } : {}) } }, who);
export const referral = (s: number, body: Raw, who?: Who): MessengerEvent => inbound(s, { referral: body }, who);
export const read = (s: number, watermarkS: number, who?: Who): MessengerEvent =>
  inbound(s, { read: { watermark: at(watermarkS) } }, who);
export const optin = (s: number, who?: Who): MessengerEvent =>
  inbound(s, { optin: { type: 'notification_messages', notification_messages_token: `t${s}` } }, who);
export const echo = (s: number, mid: string, text = 'reply', who: Who = {}): MessengerEvent =>
  parsed(
    {
      sender: { id: who.page ?? PAGE },
      recipient: person(who),
      timestamp: at(s),
      message: { mid, is_echo: true, text, app_id: 1 },
    },
    who,
  );
export const policy = (s: number, action: string): MessengerEvent =>
  parsed({ recipient: { id: PAGE }, timestamp: at(s), policy_enforcement: { action } }, {});
