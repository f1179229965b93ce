import { describe, expect, test } from 'vitest';
import type { PersonTruth, WorldEvent, WorldSize } from '../types.js';
import { eventsByPerson, load } from './fixtures.js';

type Referral = {
  ref?: string;
  ad_id?: string;
  source?: string;
  type?: string;
  referer_uri?: string;
  ads_context_data?: { ad_title?: string };
};
const field = (e: WorldEvent, name: string): Record<string, unknown> | undefined =>
  e.event[name] as Record<string, unknown> | undefined;

/** The event that opened a touch, and where its referral sits: postback, message or event level. */
function opening(
  events: WorldEvent[],
  at: number,
): { event: WorldEvent; place: string; referral?: Referral } | undefined {
  const event = events.find((e) => e.time === at && !field(e, 'message')?.is_echo);
  if (!event) return undefined;
  const postback = field(event, 'postback');
  const message = field(event, 'message');
  if (postback) return { event, place: 'postback', referral: postback.referral as Referral | undefined };
  if (message) return { event, place: 'message', referral: message.referral as Referral | undefined };
  return { event, place: 'event', referral: event.event.referral as Referral | undefined };
}

describe.each<WorldSize>(['tiny', 'small'])('events of the %s world', (size) => {
  test('arrive in time order, inside the window, with unique message ids', () => {
    const { events, from, to } = load(size);
    expect(events.length).toBeGreaterThan(1000);
    const mids = new Set<string>();
    let last = -Infinity;
    for (const e of events) {
      expect(e.time).toBeGreaterThanOrEqual(last);
      expect(e.time).toBe(e.event.timestamp);
      expect(e.time >= from && e.time < to).toBe(true);
      last = e.time;
      const mid = field(e, 'message')?.mid as string | undefined;
      if (mid === undefined) continue;
      expect(mids.has(mid)).toBe(false);
      mids.add(mid);
    }
  }, 60_000); // the first test generates the world: seconds on a busy machine

  test('referrals sit where META.md says, for every touch of the truth', () => {
    const { events, truth } = load(size);
    const byPerson = eventsByPerson(events);
    const places = new Map<string, number>();
    for (const person of truth) {
      const mine = [...(byPerson.get(person.psid) ?? []), ...(byPerson.get(person.userRef ?? '-') ?? [])];
      for (const touch of person.touches) {
        const open = opening(mine, touch.at);
        expect(open, `opening event of ${person.psid} at ${touch.at}`).toBeDefined();
        const kind = `${touch.source}/${touch.isNew ? 'new' : 'again'}/${open?.place}`;
        places.set(kind, (places.get(kind) ?? 0) + 1);
        checkTouch(person, touch, open!);
      }
    }
    // new ad threads come both ways: a Get Started postback and a first message carrying the referral
    expect(places.get('ADS/new/postback')).toBeGreaterThan(0);
    expect(places.get('ADS/new/message')).toBeGreaterThan(0);
    expect(places.get('SHORTLINK/new/postback')).toBeGreaterThan(0);
    expect(places.get('CUSTOMER_CHAT_PLUGIN/new/event')).toBeGreaterThan(0);
    const reopened = [...places.keys()].filter((k) => k.includes('/again/'));
    expect(reopened.length).toBeGreaterThan(0);
    expect(reopened.every((k) => k.endsWith('/event'))).toBe(true);
  });

  test('the page answers with echoes carrying an app id, and reads acknowledge them', () => {
    const { events } = load(size);
    const echoes = events.filter((e) => field(e, 'message')?.is_echo === true);
    expect(echoes.length).toBeGreaterThan(100);
    expect(
      echoes.every((e) => typeof field(e, 'message')?.app_id === 'number' && e.event.sender?.id === e.pageId),
    ).toBe(true);
    expect(new Set(echoes.map((e) => field(e, 'message')?.app_id)).size).toBe(2);
    expect(events.some((e) => field(e, 'read') !== undefined)).toBe(true);
    expect(events.some((e) => Array.isArray(field(e, 'delivery')?.mids))).toBe(true);
    expect(events.some((e) => field(e, 'optin')?.type === 'notification_messages')).toBe(true);
  });
});

function checkTouch(
  person: PersonTruth,
  touch: PersonTruth['touches'][number],
  open: NonNullable<ReturnType<typeof opening>>,
): void {
  const referral = open.referral;
  if (!touch.isNew) {
    expect(open.place).toBe('event');
    expect(referral?.type).toBe('OPEN_THREAD');
  } else if (touch.source === 'SHORTLINK') {
    expect(open.place).toBe('postback');
    expect(referral?.ref).toBe(touch.ref);
    expect(['SHORTLINK', 'MESSENGER_CODE']).toContain(referral?.source);
  } else if (touch.source === 'ADS' && touch.hasReferral !== false) {
    expect(['postback', 'message']).toContain(open.place);
    expect(referral).toMatchObject({ ad_id: touch.adId, source: 'ADS', type: 'OPEN_THREAD' });
    expect(referral?.ads_context_data?.ad_title).toBeTruthy();
  } else if (touch.source === 'CUSTOMER_CHAT_PLUGIN') {
    expect(open.event.event.sender?.user_ref).toBe(person.userRef);
    expect(referral).toMatchObject({ ref: touch.ref, source: 'CUSTOMER_CHAT_PLUGIN' });
    expect(referral?.referer_uri).toMatch(/^https:\/\//);
  } else {
    expect(referral).toBeUndefined();
  }
}

test('the medium world warns a page now and then, in Meta’s sender-less shape, and keeps old referral sources', () => {
  const { world, events } = load('medium', 7);
  const warnings = events.filter((e) => e.event.policy_enforcement !== undefined);
  expect(warnings.length).toBeGreaterThan(0);
  for (const w of warnings) {
    expect(w.event.sender).toBeUndefined();
    expect(w.event.recipient.id).toBe(w.pageId);
    expect(w.event.policy_enforcement).toMatchObject({ action: 'warning' });
  }
  const sources = new Set(events.map((e) => (field(e, 'postback')?.referral as Referral | undefined)?.source));
  expect(sources).toContain('MESSENGER_CODE');
  expect(world.pages.map((p) => p.id)).toContain(warnings[0]?.pageId);
}, 30_000);
