import type { MessagingEvent, WorldEvent } from '../types.js';
import { DAY_MS } from './calendar.js';
import { midOf, psidOf, userRefOf } from './ids.js';
import { ICE_BREAKERS, INBOUND_TEXTS, OUTBOUND_TEXTS, QUICK_REPLIES } from './names.js';
import { Flag, type Session, type Step } from './session.js';
import type { SimWorld } from './sim-world.js';

/** Echoes of replies typed by a person in the Page inbox carry the inbox app's id, not the world's app. */
export const PAGE_INBOX_APP_ID = '263902037430900';

type Who = { pageId: string; psid: string; userRef: string; appId: string; u: number; mid: (seq: number) => string };

/** Turns a session's steps at or after `from` into webhook events exactly as they sit in `entry[].messaging[]`. */
export function renderSession(world: SimWorld, session: Session, from = -Infinity): WorldEvent[] {
  const { seed, appId } = world.structure;
  const u = session.fate.u;
  const pageId = session.stream.page.page.id;
  const userRef = session.stream.kind === 'plugin' ? userRefOf(seed, u) : '';
  // a person's mids share a prefix: compute it once per conversation
  const prefix = midOf(seed, u, 0).slice(0, -3);
  const mid = (seq: number): string => prefix + seq.toString(36).padStart(3, '0');
  const who: Who = { pageId, psid: psidOf(seed, u), userRef, appId, u, mid };
  const referral = referralOf(session);
  const out: WorldEvent[] = [];
  for (const step of session.steps) {
    if (step.at < from) continue;
    const event = renderStep(who, step, referral);
    if (event) out.push({ pageId, time: step.at, event });
  }
  return out;
}

function renderStep(who: Who, step: Step, referral: Record<string, unknown>): MessagingEvent | undefined {
  const person = step.flags & Flag.guest ? { user_ref: who.userRef } : { id: who.psid };
  const inbound = { sender: person, recipient: { id: who.pageId }, timestamp: step.at };
  const withReferral = step.flags & Flag.referral ? { referral } : {};
  switch (step.kind) {
    case 'start': {
      const button =
        step.variant === 0 ? { title: 'Get Started', payload: 'GET_STARTED' } : ICE_BREAKERS[step.variant - 1];
      return { ...inbound, postback: { ...button, mid: who.mid(step.seq), ...withReferral } };
    }
    case 'referral':
      return { ...inbound, referral };
    case 'in':
      return { ...inbound, message: { mid: who.mid(step.seq), ...content(step), ...withReferral } };
    case 'out':
      // replies to a guest of the chat plugin are not echoed to the page's webhook: no PSID to address
      return step.flags & Flag.guest ? undefined : echo(who, step);
    case 'delivery': {
      const mids = step.flags & Flag.withMids ? { mids: [who.mid(step.variant)] } : {};
      return { ...inbound, delivery: { ...mids, watermark: step.mark } };
    }
    case 'read':
      return { ...inbound, read: { watermark: step.mark } };
    case 'optin':
    case 'optin_otn':
    case 'optin_stop':
      return { ...inbound, optin: optin(who, step) };
    case 'conversion': {
      const button =
        step.variant === 1 ? { title: 'Get a quote', payload: 'LEAD' } : { title: 'Buy now', payload: 'PURCHASE' };
      return { ...inbound, postback: { ...button, mid: who.mid(step.seq) } };
    }
    case 'order':
    case 'block':
      return undefined;
  }
}

function content(step: Step): Record<string, unknown> {
  if (step.flags & Flag.attachment) {
    const url = `https://scontent.xx.fbcdn.net/v/t1.15752-9/${step.seq}_${step.variant}_n.jpg`;
    return { attachments: [{ type: 'image', payload: { url } }] };
  }
  if (step.flags & Flag.quickReply) {
    const reply = QUICK_REPLIES[step.variant % QUICK_REPLIES.length] ?? QUICK_REPLIES[0];
    return { text: reply?.title, quick_reply: { payload: reply?.payload } };
  }
  return { text: INBOUND_TEXTS[step.variant % INBOUND_TEXTS.length] };
}

function echo(who: Who, step: Step): MessagingEvent {
  const human = (step.flags & Flag.human) !== 0;
  const text = step.flags & Flag.optinRequest ? 'Want to hear about restocks? Tap to get notified.' : pickOut(step);
  const message = {
    mid: who.mid(step.seq),
    is_echo: true,
    app_id: Number(human ? PAGE_INBOX_APP_ID : who.appId),
    text: step.flags & Flag.privateReply ? 'Thanks for your comment! We sent you the details here 😊' : text,
    ...(human ? {} : { metadata: 'auto_reply' }),
  };
  return { sender: { id: who.pageId }, recipient: { id: who.psid }, timestamp: step.at, message };
}

function pickOut(step: Step): string {
  return OUTBOUND_TEXTS[step.variant % OUTBOUND_TEXTS.length] ?? 'Thanks!';
}

function optin(who: Who, step: Step): Record<string, unknown> {
  if (step.kind === 'optin_otn') {
    return {
      type: 'one_time_notif_req',
      payload: 'RESTOCK_ALERT',
      one_time_notif_token: `otn_${who.u.toString(36)}_${step.seq}`,
    };
  }
  const common = {
    type: 'notification_messages',
    payload: 'RESTOCK_ALERT',
    notification_messages_token: `nmt_${who.u.toString(36)}_${step.seq}`,
    notification_messages_frequency: 'WEEKLY',
    notification_messages_timezone: 'UTC',
    token_expiry_timestamp: step.at + 180 * DAY_MS,
    user_token_status: step.seq % 3 === 0 ? 'REFRESHED' : 'NOT_REFRESHED',
  };
  return step.kind === 'optin_stop' ? { ...common, notification_messages_status: 'STOP NOTIFICATIONS' } : common;
}

function referralOf(session: Session): Record<string, unknown> {
  const { stream, fate } = session;
  const base = { type: 'OPEN_THREAD' };
  if (stream.ad) {
    const ad = stream.ad;
    const media =
      ad.params.media === 'video'
        ? { video_url: `https://video.xx.fbcdn.net/v/${ad.ad.id}.mp4` }
        : { photo_url: `https://scontent.xx.fbcdn.net/v/${ad.ad.id}.jpg` };
    const ads_context_data = { ad_title: ad.ad.adTitle, ...media, post_id: ad.params.postId };
    return { ad_id: ad.ad.id, source: 'ADS', ...base, ads_context_data };
  }
  const ref = stream.ref;
  if (!ref) return { source: 'SHORTLINK', ...base };
  if (ref.link.kind === 'plugin')
    return { ref: ref.link.ref, source: 'CUSTOMER_CHAT_PLUGIN', ...base, referer_uri: ref.refererUri };
  const legacy = session.no === 0 && fate.legacyCode;
  return { ref: ref.link.ref, source: legacy ? 'MESSENGER_CODE' : 'SHORTLINK', ...base };
}
