import type { PersonTruth, World } from '@ctm/meta-sim';

/**
 * The figures the metrics API should serve for a world delivered from its first day, computed from
 * the world's ground truth (no product code, no SQL), and from the world's payloads only for what
 * PersonTruth does not carry. Where the payloads cannot tell what the truth knows, the rule is
 * stated once in RULES and counted, so the test prints how often each applied.
 */

/** What PersonTruth does not carry, read from the world's own payloads: one entry per `page/psid` or `page/uref:…`. */
export type Seen = {
  /** the first thing the person did themselves: a message, postback, referral or opt-in */
  firstActAt: number;
  /** messages they wrote (not postbacks): a new contact "replied" from the second */
  messages: number;
  /** the referral source of that first act, as the payload spelt it */
  openingSource?: string;
};

export type Figures = {
  newContacts: number;
  reengaged: number;
  replied: number;
  converted: number;
  blocked: number;
  conversions: number;
};
export type Attribution = { source: string; adId?: string; ref?: string };
export type ExpectedContact = Attribution & {
  key: string;
  pageId: string;
  day: string;
  replied: boolean;
  converted: boolean;
  blocked: boolean;
};
/** A re-engagement, or a conversion under the touch it is credited to. */
export type ExpectedTouch = Attribution & { pageId: string; day: string };
/** A shop order with a value, as the business reports it: by PSID; counted when that PSID is a contact. */
export type Order = {
  pageId: string;
  psid: string;
  at: number;
  value: number;
  currency: string;
  kind: string;
  counted: boolean;
};
export type Expected = {
  contacts: ExpectedContact[];
  reengaged: ExpectedTouch[];
  /** every conversion that lands on a contact (postbacks matched by the rules, and reported orders) */
  conversions: ExpectedTouch[];
  orders: Order[];
  /** PSIDs the business's bot knows from the webhooks, and whether the person blocked the page */
  psids: { pageId: string; psid: string; blocked: boolean }[];
  rules: Map<keyof typeof RULES, number>;
};

export const RULES = {
  adNoReferral: 'ad arrivals whose payload carried no referral: an ORGANIC contact (only Meta counts the ad)',
  comment: 'comment private replies: an echo, then a message without referral: an ORGANIC contact',
  legacyCode: 'QR arrivals by old printed codes: the referral says MESSENGER_CODE, kept verbatim as the source',
  pluginSplit:
    'chat-plugin visitors who continued in Messenger: a plugin guest contact, and a PSID contact opened by their first act as PSID (ORGANIC, or the return that brought them back)',
  pluginNoPsid: 'chat-plugin visitors whose PSID only ever received the page’s messages: their guest contact only',
  guestConversion: 'conversion postbacks of plugin visitors while still guests: on the guest contact, not the PSID one',
  guestBlock: 'blocks by plugin visitors never known by PSID as contacts: no Send API answer can say so',
  orphanOrder: 'orders by people never known by PSID as contacts: reported, but waiting for a contact that never comes',
  uncredited:
    'conversions outside the workspace’s attribution (by default first touch, 7-day window): filed under UNCREDITED',
} as const;

/** The workspace's default attribution model (migration 1764237600000): first touch, within 7 days. */
const WINDOW_MS = 7 * 86_400_000;

/** One pass over the payloads the world sends, in time order (Meta's side of the wire, not the product's reading of it). */
export function payloadLedger(world: World, from: number, to: number): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  for (const { pageId, event } of world.events(from, to)) {
    const message = event['message'] as { is_echo?: boolean; referral?: { source: string } } | undefined;
    if (message?.is_echo) continue;
    const person = event.sender?.id ?? (event.sender?.user_ref ? `uref:${event.sender.user_ref}` : undefined);
    const postback = event['postback'] as { referral?: { source: string } } | undefined;
    const referral = (event['referral'] as { source: string } | undefined) ?? postback?.referral ?? message?.referral;
    const acts = message || postback || event['referral'] || event['optin'];
    if (!person || !acts) continue;
    const key = `${pageId}/${person}`;
    const entry = seen.get(key) ?? { firstActAt: event.timestamp, messages: 0, openingSource: referral?.source };
    if (message) entry.messages += 1;
    seen.set(key, entry);
  }
  return seen;
}

/** The expected contacts, re-engagements and conversions of every person of the world. */
export function expectedFigures(people: Iterable<PersonTruth>, seen: Map<string, Seen>, timeZone: string): Expected {
  const out: Expected = { contacts: [], reengaged: [], conversions: [], orders: [], psids: [], rules: new Map() };
  const note = (rule: keyof typeof RULES) => out.rules.set(rule, (out.rules.get(rule) ?? 0) + 1);
  const day = dayIn(timeZone);
  for (const p of people) {
    const psidKey = `${p.pageId}/${p.psid}`;
    const guestKey = p.userRef === undefined ? undefined : `${p.pageId}/uref:${p.userRef}`;
    const asPsid = seen.get(psidKey);
    if (asPsid) out.psids.push({ pageId: p.pageId, psid: p.psid, blocked: p.blockedAt !== undefined });
    if (p.blockedAt !== undefined && !asPsid) note('guestBlock');
    const opens = openings(p, asPsid, guestKey, note);
    const converted = conversionsByContact(p, asPsid, guestKey, out, note);
    for (const o of opens) {
      const conversions = converted.get(o.key) ?? [];
      out.contacts.push({
        ...o.attribution,
        key: o.key,
        pageId: p.pageId,
        day: day(o.at),
        replied: (seen.get(o.key)?.messages ?? 0) >= 2,
        converted: conversions.length > 0,
        blocked: o.key === psidKey && p.blockedAt !== undefined,
      });
      for (const at of conversions) {
        const credited = at >= o.at && at - o.at <= WINDOW_MS;
        if (!credited) note('uncredited');
        const attribution = credited ? o.attribution : { source: 'UNCREDITED' };
        out.conversions.push({ ...attribution, pageId: p.pageId, day: day(at) });
      }
    }
    // a return into the thread re-engages the PSID contact, unless it is what opened it
    for (const t of p.touches.slice(1))
      if (!opens.some((o) => o.at === t.at && o.key === psidKey))
        out.reengaged.push({ ...attributionOf(t), pageId: p.pageId, day: day(t.at) });
  }
  return out;
}

/** The times of a person's conversions by the contact they land on; orders also go to `out.orders`, to be reported. */
function conversionsByContact(
  p: PersonTruth,
  asPsid: Seen | undefined,
  guestKey: string | undefined,
  out: Expected,
  note: (rule: keyof typeof RULES) => void,
): Map<string, number[]> {
  const psidKey = `${p.pageId}/${p.psid}`;
  const converted = new Map<string, number[]>();
  const convert = (key: string, at: number) => converted.set(key, [...(converted.get(key) ?? []), at]);
  for (const c of p.conversions) {
    if (c.value !== undefined) {
      const { at, value, currency, kind } = c;
      out.orders.push({ pageId: p.pageId, psid: p.psid, at, value, currency: currency!, kind, counted: !!asPsid });
      if (asPsid) convert(psidKey, at);
      else note('orphanOrder');
    } else if (guestKey && (!asPsid || c.at < asPsid.firstActAt)) {
      note('guestConversion');
      convert(guestKey, c.at);
    } else convert(psidKey, c.at);
  }
  return converted;
}

type Opening = { key: string; at: number; attribution: Attribution };

/** The contacts a person makes and what opened each, by the rules the payloads allow. */
function openings(
  p: PersonTruth,
  asPsid: Seen | undefined,
  guestKey: string | undefined,
  note: (rule: keyof typeof RULES) => void,
): Opening[] {
  const opening = p.touches[0]!;
  const psidKey = `${p.pageId}/${p.psid}`;
  if (!guestKey) {
    if (asPsid?.firstActAt !== opening.at) throw new Error(`${psidKey}: the payloads do not open where the truth does`);
    if (opening.hasReferral === false && opening.source !== 'ORGANIC')
      note(opening.source === 'COMMENT' ? 'comment' : 'adNoReferral');
    const legacy = opening.source === 'SHORTLINK' && asPsid.openingSource === 'MESSENGER_CODE';
    if (legacy) note('legacyCode');
    const attribution = legacy ? { ...attributionOf(opening), source: 'MESSENGER_CODE' } : attributionOf(opening);
    return [{ key: psidKey, at: opening.at, attribution }];
  }
  const guest = { key: guestKey, at: opening.at, attribution: attributionOf(opening) };
  if (p.guest) return [guest];
  if (!asPsid) {
    note('pluginNoPsid');
    return [guest];
  }
  note('pluginSplit');
  const back = p.touches.find((t) => !t.isNew && t.at === asPsid.firstActAt);
  const attribution = back ? attributionOf(back) : { source: 'ORGANIC' };
  return [guest, { key: psidKey, at: asPsid.firstActAt, attribution }];
}

/** What a touch is filed under: an arrival without referral is ORGANIC, whatever brought it. */
function attributionOf(t: PersonTruth['touches'][number]): Attribution {
  if (t.hasReferral === false) return { source: 'ORGANIC' };
  return { source: t.source, ...(t.adId ? { adId: t.adId } : {}), ...(t.ref ? { ref: t.ref } : {}) };
}

/** Sums contacts, re-engagements and credited conversions into figures per key; a key of undefined leaves the item out. */
export function figuresBy(
  expected: Pick<Expected, 'contacts' | 'reengaged' | 'conversions'>,
  keyOf: (a: Attribution & { pageId: string; day: string }) => string | undefined,
): Map<string, Figures> {
  const out = new Map<string, Figures>();
  const at = (key: string) => {
    const f = out.get(key) ?? { newContacts: 0, reengaged: 0, replied: 0, converted: 0, blocked: 0, conversions: 0 };
    out.set(key, f);
    return f;
  };
  for (const c of expected.contacts) {
    const key = keyOf(c);
    if (key === undefined) continue;
    const f = at(key);
    f.newContacts += 1;
    f.replied += Number(c.replied);
    f.converted += Number(c.converted);
    f.blocked += Number(c.blocked);
  }
  for (const t of expected.reengaged) {
    const key = keyOf(t);
    if (key !== undefined) at(key).reengaged += 1;
  }
  for (const t of expected.conversions) {
    const key = keyOf(t);
    if (key !== undefined) at(key).conversions += 1;
  }
  return out;
}

/** YYYY-MM-DD of an instant in a time zone (the workspace's: observed figures are filed by it). */
function dayIn(timeZone: string): (time: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (time) => f.format(time);
}
