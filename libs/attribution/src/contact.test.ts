import { describe, expect, test } from 'vitest';
import { ContactMismatchError, REFERRAL_GRACE_MS, summarizeContact } from './contact.js';
import * as e from './test-support/events.js';
import type { MessengerEvent, Touch } from './types.js';

const { at, DAY_S } = e;
const AD = '23851234567890123';
const GRACE_S = REFERRAL_GRACE_MS / 1000;

type Case = {
  story: string;
  events: MessengerEvent[];
  touches: Partial<Touch>[];
  firstSeenAt: number;
  inbound: number;
};

const cases: Case[] = [
  {
    story: 'm.me Get Started postback, then messages',
    events: [e.postback(0, 'GET_STARTED', e.mme('spring_sale')), e.message(30, 'm1'), e.message(90, 'm2')],
    touches: [{ source: 'SHORTLINK', ref: 'spring_sale', time: at(0), opensThread: true }],
    firstSeenAt: at(0),
    inbound: 2,
  },
  {
    story: 'ad click opening with a typed message (message-level referral)',
    events: [e.message(0, 'm1', 'available?', e.ad(AD)), e.echo(2, 'r1'), e.read(10, 2)],
    touches: [{ source: 'ADS', adId: AD, adTitle: 'Spring sale', time: at(0), opensThread: true }],
    firstSeenAt: at(0),
    inbound: 1,
  },
  {
    story: 'first message without any referral: organic',
    events: [e.message(0, 'm1'), e.echo(3, 'r1')],
    touches: [{ source: 'ORGANIC', time: at(0), opensThread: true, eventId: 'mid:m1' }],
    firstSeenAt: at(0),
    inbound: 1,
  },
  {
    story: 'referral delivered separately, just inside the grace window after the first message',
    events: [e.message(0, 'm1'), e.referral(GRACE_S, e.ad(AD))],
    touches: [{ source: 'ADS', adId: AD, time: at(0), opensThread: true }],
    firstSeenAt: at(0),
    inbound: 1,
  },
  {
    story: 'referral just outside the grace window: organic opening, then a re-engagement',
    events: [e.message(0, 'm1'), e.referral(GRACE_S + 1, e.ad(AD))],
    touches: [
      { source: 'ORGANIC', time: at(0), opensThread: true },
      { source: 'ADS', adId: AD, time: at(GRACE_S + 1), opensThread: false },
    ],
    firstSeenAt: at(0),
    inbound: 1,
  },
  {
    story: 'one click surfacing twice (postback referral, then message referral) is one touch',
    events: [e.postback(0, 'ICE', e.ad(AD)), e.message(2, 'm1', 'hi', e.ad(AD))],
    touches: [{ source: 'ADS', adId: AD, opensThread: true }],
    firstSeenAt: at(0),
    inbound: 1,
  },
  {
    story: 'existing thread re-opened by a shortlink three days later: re-engagement',
    events: [
      e.postback(0, 'GET_STARTED', e.ad(AD)),
      e.referral(3 * DAY_S, e.mme('winter')),
      e.message(3 * DAY_S + 20, 'm1'),
    ],
    touches: [
      { source: 'ADS', adId: AD, opensThread: true },
      { source: 'SHORTLINK', ref: 'winter', time: at(3 * DAY_S), opensThread: false },
    ],
    firstSeenAt: at(0),
    inbound: 1,
  },
  {
    story: 'the same ad clicked again a day later is a second touch',
    events: [e.referral(0, e.ad(AD)), e.referral(DAY_S, e.ad(AD))],
    touches: [{ opensThread: true }, { adId: AD, time: at(DAY_S), opensThread: false }],
    firstSeenAt: at(0),
    inbound: 0,
  },
  {
    story: 'legacy MESSENGER_CODE source kept verbatim',
    events: [e.referral(0, { ref: 'qr1', source: 'MESSENGER_CODE', type: 'OPEN_THREAD' })],
    touches: [{ source: 'MESSENGER_CODE', ref: 'qr1', opensThread: true }],
    firstSeenAt: at(0),
    inbound: 0,
  },
  {
    story: 'private reply to a comment before the first message: organic, page spoke first',
    events: [e.echo(-300, 'pr1', 'We sent you the details here'), e.message(0, 'm1')],
    touches: [{ source: 'ORGANIC', time: at(0), opensThread: true }],
    firstSeenAt: at(0),
    inbound: 1,
  },
];

describe('summarizeContact', () => {
  test.each(cases)('$story', ({ events, touches, firstSeenAt, inbound }) => {
    const contact = summarizeContact(events);
    expect(contact?.touches).toHaveLength(touches.length);
    touches.forEach((touch, i) => expect(contact?.touches[i]).toMatchObject(touch));
    expect(contact?.firstTouch).toEqual(contact?.touches[0]);
    expect(contact?.firstSeenAt).toBe(firstSeenAt);
    expect(contact?.inboundMessages).toBe(inbound);
    expect(contact?.pageId).toBe(e.PAGE);
  });

  test.each(cases)('$story: the same in reverse order and with every event twice', ({ events }) => {
    const forward = summarizeContact(events);
    expect(summarizeContact([...events].reverse())).toEqual(forward);
    expect(summarizeContact([...events, ...events])).toEqual(forward);
  });

  test('pageSpokeFirst only when an echo precedes the first own event', () => {
    expect(summarizeContact(cases[9]?.events ?? [])?.pageSpokeFirst).toBe(true);
    expect(summarizeContact(cases[1]?.events ?? [])?.pageSpokeFirst).toBe(false);
  });

  test("firstResponseAt is the page's first message at or after the person's first own event", () => {
    expect(summarizeContact(cases[1]?.events ?? [])?.firstResponseAt).toBe(at(2));
    // an echo before the person spoke (a private reply to a comment) is not a response
    const events = [e.echo(0, 'r0'), e.message(60, 'm1'), e.message(65, 'm2'), e.echo(400, 'r1'), e.echo(500, 'r2')];
    expect(summarizeContact(events)?.firstResponseAt).toBe(at(400));
    expect(summarizeContact([e.message(0, 'm1')])?.firstResponseAt).toBeUndefined();
  });

  test('lastInboundAt is the last thing the person did (opt-ins and referrals count, reads and echoes do not)', () => {
    const events = [e.message(0, 'm1'), e.optin(600), e.echo(700, 'r1'), e.read(800, 700)];
    expect(summarizeContact(events)?.lastInboundAt).toBe(at(600));
  });

  test.each<[string, MessengerEvent[]]>([
    ['no events', []],
    ['only what the page sent and the person read', [e.echo(0, 'r1'), e.read(5, 0)]],
    ['only page-level policy notices', [e.policy(0, 'warning')]],
  ])('%s: no contact yet', (_, events) => {
    expect(summarizeContact(events)).toBeUndefined();
  });

  test('a chat-plugin guest known only by user_ref', () => {
    const guest = { userRef: 'cp-1' };
    const contact = summarizeContact([
      e.referral(0, e.plugin('pricing'), guest),
      e.message(10, 'g1', 'hi', undefined, guest),
    ]);
    expect(contact).toMatchObject({ userRefs: ['cp-1'], inboundMessages: 1 });
    expect(contact?.psid).toBeUndefined();
    expect(contact?.firstTouch).toMatchObject({
      source: 'CUSTOMER_CHAT_PLUGIN',
      ref: 'pricing',
      refererUri: 'https://shop.example.com/',
    });
  });

  test('user_ref events merged with the PSID once Meta revealed them: the plugin visit opened the thread', () => {
    const guest = { userRef: 'cp-1' };
    const contact = summarizeContact([e.message(3600, 'm9'), e.referral(0, e.plugin('pricing'), guest)]);
    expect(contact).toMatchObject({ psid: e.PSID, userRefs: ['cp-1'], firstSeenAt: at(0), inboundMessages: 1 });
    expect(contact?.firstTouch.source).toBe('CUSTOMER_CHAT_PLUGIN');
  });

  test.each<[string, MessengerEvent[], RegExp]>([
    ['two pages', [e.message(0, 'a'), e.message(1, 'b', 'x', undefined, { page: '2' })], /span pages/],
    ['two PSIDs', [e.message(0, 'a'), e.message(1, 'b', 'x', undefined, { psid: '99' })], /carry PSIDs/],
  ])('events of %s are not one contact', (_, events, sentence) => {
    expect(() => summarizeContact(events)).toThrow(ContactMismatchError);
    expect(() => summarizeContact(events)).toThrow(sentence);
  });
});
