import { describe, expect, test } from 'vitest';
import { fixtureBody } from './fixtures/index.js';
import { DeliveryShapeError, parseDelivery, tryParseDelivery } from './parse-delivery.js';

const PAGE = '104857600000001';

describe('envelope', () => {
  test.each<[string, unknown, RegExp]>([
    ['null', null, /not a JSON object/],
    ['an array', [{ object: 'page', entry: [] }], /not a JSON object/],
    ['a string', '{"object":"page"}', /not a JSON object/],
    ['no object', { entry: [] }, /"object"/],
    ['a numeric object', { object: 1, entry: [] }, /"object"/],
    ['no entry', { object: 'page' }, /"entry"/],
    ['entry not an array', { object: 'page', entry: {} }, /"entry"/],
  ])('%s throws DeliveryShapeError, and tryParseDelivery answers it as a value', (_, body, sentence) => {
    expect(() => parseDelivery(body)).toThrow(DeliveryShapeError);
    expect(() => parseDelivery(body)).toThrow(sentence);
    const result = tryParseDelivery(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('DELIVERY_SHAPE');
  });

  test('an empty entry list is a valid, empty delivery', () => {
    expect(tryParseDelivery({ object: 'page', entry: [] })).toEqual({
      ok: true,
      delivery: { object: 'page', events: [], unknown: [] },
    });
  });

  test('another object (instagram) is kept raw, never read as Messenger events', () => {
    const body = { ...(fixtureBody('message-text') as object), object: 'instagram' };
    const parsed = parseDelivery(body);
    expect(parsed.events).toEqual([]);
    expect(parsed.unknown).toHaveLength(1);
    expect(parsed.unknown[0]?.reason).toMatch(/"instagram"/);
  });
});

describe('malformed items are kept with a reason', () => {
  const { events, unknown } = parseDelivery(fixtureBody('malformed-items'));

  test('the well-formed item among them is still read', () => {
    expect(events.map((e) => e.id)).toEqual(['mid:m_ok_1']);
  });

  test.each([
    [0, /not an object/, PAGE],
    [1, /no numeric timestamp/, PAGE],
    [2, /read item has no numeric watermark/, PAGE],
    [3, /message item names no person/, PAGE],
    [4, /entry is not an object/, undefined],
    [5, /no messaging or standby array/, PAGE],
  ])('unknown[%i] says %s', (index, reason, pageId) => {
    const kept = unknown[index];
    expect(kept?.reason).toMatch(reason);
    expect(kept?.pageId).toBe(pageId);
    expect(kept?.id).toMatch(/^hash:[0-9a-f]{64}$/);
  });
});

describe('identity', () => {
  test('the same item re-sent in another batch, under another entry time, keeps its id', () => {
    const item = {
      sender: { id: '7312345678901234' },
      recipient: { id: PAGE },
      timestamp: 1732521601234,
      read: { watermark: 1732521600000 },
    };
    const first = parseDelivery({ object: 'page', entry: [{ id: PAGE, time: 1, messaging: [item] }] });
    const again = parseDelivery({
      object: 'page',
      entry: [{ id: PAGE, time: 2, messaging: [{ ...item, read: { watermark: 1732521600000 } }] }],
    });
    expect(again.events[0]?.id).toBe(first.events[0]?.id);
  });

  test('key order inside an unknown item does not change its content hash', () => {
    const a = { sender: { id: '1' }, timestamp: 5, future: { x: 1, y: 2 } };
    const b = { future: { y: 2, x: 1 }, timestamp: 5, sender: { id: '1' } };
    const ids = [a, b].map((item) => parseDelivery({ object: 'page', entry: [{ id: PAGE, messaging: [item] }] }));
    expect(ids[0]?.events[0]?.id).toBe(ids[1]?.events[0]?.id);
  });

  const envelope = { sender: { id: '1' }, recipient: { id: PAGE }, timestamp: 100 };
  test.each([
    ['read watermark', { read: { watermark: 10 } }, { read: { watermark: 11 } }],
    ['delivery watermark', { delivery: { watermark: 10 } }, { delivery: { watermark: 11 } }],
    ['kind', { read: { watermark: 10 } }, { delivery: { watermark: 10 } }],
    ['person', { sender: { id: '1' }, referral: {} }, { sender: { id: '2' }, referral: {} }],
    ['time', { timestamp: 100, postback: {} }, { timestamp: 101, postback: {} }],
    ['policy action', { policy_enforcement: { action: 'warning' } }, { policy_enforcement: { action: 'block' } }],
  ])('events that differ by %s get different ids', (_, left, right) => {
    const parse = (patch: object) =>
      parseDelivery({ object: 'page', entry: [{ id: PAGE, messaging: [{ ...envelope, ...patch }] }] }).events[0]?.id;
    expect(parse(left)).toBeDefined();
    expect(parse(left)).not.toBe(parse(right));
  });

  test('numeric ids and digit-string timestamps are normalised to strings and numbers', () => {
    const body = {
      object: 'page',
      entry: [{ id: 104857600000001, messaging: [{ sender: { id: 42 }, timestamp: '1732521600000', referral: {} }] }],
    };
    expect(parseDelivery(body).events[0]).toStrictEqual({
      id: `referral:${PAGE}:42:1732521600000`,
      ...{ pageId: PAGE, psid: '42', time: 1732521600000, kind: 'referral' },
      referral: { source: 'UNKNOWN' },
    });
  });
});
