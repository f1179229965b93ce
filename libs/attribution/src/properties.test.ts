import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { attributeConversion } from './attribute.js';
import { summarizeContact } from './contact.js';
import { parseDelivery } from './parse-delivery.js';
import * as e from './test-support/events.js';
import type { MessengerEvent } from './types.js';

const DAY_S = e.DAY_S;
const referrals = [e.ad('ad-1'), e.ad('ad-2', 'Boots'), e.mme('spring'), e.mme('winter'), e.plugin('pricing')];
const referralArb = fc.option(fc.constantFrom(...referrals), { nil: undefined, freq: 2 });
// seconds: clustered near the start (to exercise ties and the grace window) or spread over weeks
const timeArb = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 30 * DAY_S }));

/** One plausible thing in a person's thread; `n` makes message ids unique. */
const stepArb = fc.tuple(fc.integer({ min: 0, max: 7 }), timeArb, referralArb, fc.nat(3)).map(([kind, s, ref, v]) => {
  return (n: number): MessengerEvent => {
    switch (kind) {
      case 0:
        return e.message(s, `m${n}`, ['hi', 'price?', 'quote please'][v % 3], ref);
      case 1:
        return e.postback(s, ['GET_STARTED', 'LEAD', 'PURCHASE'][v % 3] ?? 'X', ref);
      case 2:
        return e.referral(s, ref ?? e.mme('spring'));
      case 3:
        return e.echo(s, `r${n}`);
      case 4:
        return e.read(s, Math.max(0, s - v));
      case 5:
        return e.optin(s);
      case 6:
        return e.quickReply(s, `q${n}`, v % 2 ? 'LEAD' : 'BOOK');
      default:
        return e.policy(s, 'warning');
    }
  };
});

const eventsArb = fc.array(stepArb, { minLength: 0, maxLength: 25 }).map((steps) => steps.map((make, n) => make(n)));
const shuffledArb = eventsArb.chain((events) =>
  fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })),
);

describe('summarizeContact properties', () => {
  test('any order of the same events gives the same contact', () => {
    fc.assert(
      fc.property(shuffledArb, ([events, shuffled]) => {
        expect(summarizeContact(shuffled)).toEqual(summarizeContact(events));
      }),
      { numRuns: 500 },
    );
  });

  test('applying events twice, anywhere in the stream, changes nothing', () => {
    const withRepeats = eventsArb.chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc
          .subarray(events)
          .chain((again) => fc.shuffledSubarray([...events, ...again], { minLength: events.length + again.length })),
      ),
    );
    fc.assert(
      fc.property(withRepeats, ([events, repeated]) => {
        expect(summarizeContact(repeated)).toEqual(summarizeContact(events));
      }),
      { numRuns: 500 },
    );
  });

  test('exactly one touch opens the thread, it is the first, and touches run forward in time', () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const contact = summarizeContact(events);
        if (!contact) return;
        expect(contact.touches.filter((t) => t.opensThread)).toEqual([contact.firstTouch]);
        expect(contact.touches[0]).toBe(contact.firstTouch);
        const times = contact.touches.map((t) => t.time);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(contact.firstSeenAt).toBe(contact.firstTouch.time);
        expect(contact.lastInboundAt ?? 0).toBeGreaterThanOrEqual(contact.firstSeenAt);
      }),
      { numRuns: 300 },
    );
  });

  test('the credited touch does not depend on the order of the touches', () => {
    const model = fc.record({
      kind: fc.constantFrom('first_touch' as const, 'last_touch' as const),
      windowMs: fc.constantFrom(3_600_000, 7 * 86_400_000, Infinity),
    });
    fc.assert(
      fc.property(eventsArb, model, timeArb, fc.infiniteStream(fc.nat()), (events, m, s, noise) => {
        const touches = summarizeContact(events)?.touches ?? [];
        const shuffled = [...touches].sort(() => (noise.next().value % 3) - 1);
        expect(attributeConversion({ time: e.at(s) }, shuffled, m)).toEqual(
          attributeConversion({ time: e.at(s) }, touches, m),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDelivery properties', () => {
  /** A delivery built from raw items, several entries per page, as Meta batches them. */
  const rawItemArb = fc
    .tuple(fc.constantFrom('1', '2'), timeArb, fc.nat(2), referralArb)
    .map(([psid, s, kind, ref]) => {
      const envelope = { sender: { id: psid }, recipient: { id: e.PAGE }, timestamp: e.at(s) };
      if (kind === 0)
        return { ...envelope, message: { mid: `mid.${psid}.${s}`, text: 'hi', ...(ref ? { referral: ref } : {}) } };
      if (kind === 1) return { ...envelope, postback: { payload: 'GET_STARTED', ...(ref ? { referral: ref } : {}) } };
      return { ...envelope, read: { watermark: e.at(s) - 1000 } };
    });
  const bodyArb = fc
    .array(fc.array(rawItemArb, { maxLength: 6 }), { maxLength: 4 })
    .map((lists) => ({ object: 'page', entry: lists.map((messaging, i) => ({ id: e.PAGE, time: i, messaging })) }));

  test('the same body parsed twice, or re-serialised, gives identical ids', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const ids = (b: unknown) => parseDelivery(b).events.map((ev) => ev.id);
        expect(ids(body)).toEqual(ids(body));
        expect(ids(JSON.parse(JSON.stringify(body)))).toEqual(ids(body));
      }),
      { numRuns: 300 },
    );
  });

  test('a re-send that batches the same items differently gives the same set of ids', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const items = body.entry.flatMap((entry) => entry.messaging);
        const rebatched = {
          object: 'page',
          entry: items.reverse().map((item) => ({ id: e.PAGE, time: 99, messaging: [item] })),
        };
        const ids = (b: unknown) => new Set(parseDelivery(b).events.map((ev) => ev.id));
        expect(ids(rebatched)).toEqual(ids(body));
      }),
      { numRuns: 300 },
    );
  });
});
