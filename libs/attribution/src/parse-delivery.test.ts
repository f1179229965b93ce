import { describe, expect, test } from 'vitest';
import { deliveryFixtures, fixtureBody } from './fixtures/index.js';
import { parseDelivery } from './parse-delivery.js';
import type { MessengerEvent } from './types.js';

const PAGE = '104857600000001';
const PSID = '7312345678901234';
const T = 1732521600000;
const AD = '23851234567890123';

function only(name: string): MessengerEvent {
  const { events } = parseDelivery(fixtureBody(name));
  expect(events).toHaveLength(1);
  return events[0] as MessengerEvent;
}

describe('parseDelivery on every fixture', () => {
  test.each(deliveryFixtures)('$name → $expectedKinds', ({ body, expectedKinds, expectedUnknown }) => {
    const parsed = parseDelivery(body);
    expect(parsed.object).toBe('page');
    expect(parsed.events.map((e) => e.kind)).toEqual(expectedKinds);
    expect(parsed.unknown).toHaveLength(expectedUnknown);
  });

  test('fixture names are unique, so the api can pick them by name', () => {
    const names = deliveryFixtures.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

const inbound = { pageId: PAGE, psid: PSID, time: T };
const shortlink = { source: 'SHORTLINK', type: 'OPEN_THREAD' };
const adReferral = {
  source: 'ADS',
  type: 'OPEN_THREAD',
  adId: AD,
  adTitle: 'Spring sale - chat with us',
  postId: `${PAGE}_987654321`,
};
const nmt = { type: 'notification_messages', token: 'nmt_7bq2x9', tokenExpiresAt: T + 180 * 86_400_000 };

describe('normalised events', () => {
  test.each<[string, MessengerEvent]>([
    [
      'postback-mme-referral',
      {
        ...{ id: `postback:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'postback', mid: 'm_pb_mme_1' },
        ...{ title: 'Get Started', payload: 'GET_STARTED', referral: { ...shortlink, ref: 'spring_sale' } },
      },
    ],
    [
      'postback-ad-referral',
      {
        ...{ id: `postback:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'postback', mid: 'm_pb_ad_1' },
        ...{ title: 'What are your opening hours?', payload: 'ICE_BREAKER_HOURS' },
        referral: { ...adReferral, ref: 'spring_ad' },
      },
    ],
    [
      'message-ad-referral',
      {
        ...{ id: 'mid:m_msg_ad_1', ...inbound, kind: 'message', mid: 'm_msg_ad_1' },
        ...{ text: 'Is this still available?', referral: adReferral },
      },
    ],
    [
      'referral-reopen-ad',
      {
        ...{ id: `referral:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'referral' },
        referral: { source: 'ADS', type: 'OPEN_THREAD', adId: AD, adTitle: 'Spring sale - chat with us' },
      },
    ],
    [
      'referral-chat-plugin-user-ref',
      {
        ...{ id: `referral:${PAGE}:cp-guest-8f3a2b:${T}`, pageId: PAGE, userRef: 'cp-guest-8f3a2b', time: T },
        kind: 'referral',
        referral: {
          ...{ source: 'CUSTOMER_CHAT_PLUGIN', type: 'OPEN_THREAD', ref: 'pricing_page' },
          refererUri: 'https://shop.example.com/pricing?utm_source=site',
        },
      },
    ],
    [
      'referral-messenger-code-legacy',
      {
        ...{ id: `referral:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'referral' },
        referral: { source: 'MESSENGER_CODE', type: 'OPEN_THREAD', ref: 'qr_store_front' },
      },
    ],
    [
      'postback-discover-tab-legacy',
      {
        ...{ id: `postback:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'postback', title: 'Get Started' },
        ...{ payload: 'GET_STARTED', referral: { source: 'DISCOVER_TAB', type: 'OPEN_THREAD' } },
      },
    ],
    [
      'message-text',
      {
        id: 'mid:m_msg_text_1',
        ...inbound,
        kind: 'message',
        mid: 'm_msg_text_1',
        text: "Bonjour, c'est combien ? été 😊",
      },
    ],
    [
      'message-quick-reply',
      {
        id: 'mid:m_msg_qr_1',
        ...inbound,
        kind: 'message',
        mid: 'm_msg_qr_1',
        text: 'Yes, book it',
        payload: 'BOOK_YES',
      },
    ],
    [
      'message-attachments',
      {
        ...{ id: 'mid:m_msg_att_1', ...inbound, kind: 'message', mid: 'm_msg_att_1' },
        attachments: [
          { type: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/1_2_n.jpg' },
          { type: 'file', url: 'https://cdn.fbsbx.com/v/t59.2708-21/invoice.pdf' },
          { type: 'fallback' },
        ],
      },
    ],
    [
      'message-chat-plugin-guest',
      {
        ...{ id: 'mid:m_msg_guest_1', pageId: PAGE, userRef: 'cp-guest-8f3a2b', time: T, kind: 'message' },
        ...{ mid: 'm_msg_guest_1', text: 'Hi, do you ship to Lyon?' },
      },
    ],
    [
      'echo-from-app',
      {
        ...{ id: 'mid:m_echo_app_1', ...inbound, kind: 'echo', mid: 'm_echo_app_1' },
        ...{ text: 'Thanks! An agent will reply shortly.', appId: '1498765432101234' },
      },
    ],
    [
      'echo-human-agent-inbox',
      {
        ...{ id: 'mid:m_echo_inbox_1', ...inbound, kind: 'echo', mid: 'm_echo_inbox_1' },
        ...{ text: 'Hi, this is Marie from the shop.', appId: '263902037430900' },
      },
    ],
    [
      'echo-without-app-id',
      {
        id: 'mid:m_echo_noapp_1',
        ...inbound,
        kind: 'echo',
        mid: 'm_echo_noapp_1',
        text: 'Sent from the page by a person.',
      },
    ],
    ['read', { id: `read:${PAGE}:${PSID}:${T}:${T - 60_000}`, ...inbound, kind: 'read', watermark: T - 60_000 }],
    [
      'delivery-with-mids',
      {
        ...{ id: `delivery:${PAGE}:${PSID}:${T}:${T - 60_000}`, ...inbound, kind: 'delivery' },
        ...{ watermark: T - 60_000, mids: ['m_echo_app_1'] },
      },
    ],
    [
      'delivery-without-mids',
      { id: `delivery:${PAGE}:${PSID}:${T}:${T - 60_000}`, ...inbound, kind: 'delivery', watermark: T - 60_000 },
    ],
    [
      'optin-notification-stop',
      {
        ...{ id: `optin:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'optin' },
        optin: {
          ...{ ...nmt, tokenStatus: 'NOT_REFRESHED', notificationStatus: 'STOP NOTIFICATIONS' },
          payload: 'RESTOCK_ALERT',
        },
      },
    ],
    [
      'optin-notification-refreshed',
      {
        ...{ id: `optin:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'optin' },
        optin: { ...nmt, tokenStatus: 'REFRESHED', payload: 'RESTOCK_ALERT' },
      },
    ],
    [
      'optin-one-time-notif',
      {
        ...{ id: `optin:${PAGE}:${PSID}:${T}`, ...inbound, kind: 'optin' },
        optin: { type: 'one_time_notif_req', oneTimeToken: 'otn_4k9d1', payload: 'RESTOCK_ALERT' },
      },
    ],
    [
      'policy-unblock',
      { id: `policy:${PAGE}::${T}:unblock`, pageId: PAGE, time: T, kind: 'policy', policy: { action: 'unblock' } },
    ],
  ])('%s', (name, expected) => {
    // toStrictEqual: no stray keys, not even undefined ones, reach the store
    expect(only(name)).toStrictEqual(expected);
  });

  test.each([
    ['policy-warning', 'warning'],
    ['policy-block', 'block'],
  ])('%s is about the page, with no person', (name, action) => {
    const event = only(name);
    expect(event).toMatchObject({ kind: 'policy', pageId: PAGE, policy: { action } });
    expect(event.policy?.reason).toMatch(/Platform Policies/);
    expect(event.psid).toBeUndefined();
  });

  test('an unknown event type is kept as an event with a content-hash id and its keys', () => {
    const event = only('unknown-future-event');
    expect(event).toMatchObject({ kind: 'unknown', psid: PSID, unknownKeys: ['conversation_handoff_summary'] });
    expect(event.id).toMatch(/^hash:[0-9a-f]{64}$/);
  });

  test('standby items keep their kind and are marked', () => {
    expect(only('standby-message')).toMatchObject({ kind: 'message', id: 'mid:m_standby_1', standby: true });
  });
});
