import fc from 'fast-check';
import { expect, test } from 'vitest';
import { classifySendOutcome, reachabilityOf, type SendOutcomeKind } from './reachability.js';

test.each([
  [null, 'delivered'],
  [{ code: 551, error_subcode: 1545041, message: "(#551) This person isn't available right now." }, 'unreachable'],
  [{ code: 551 }, 'unreachable'],
  [{ code: 10, error_subcode: 2018278 }, 'outside_window'],
  [{ code: 10, error_subcode: 2018065 }, 'failed'],
  [{ code: 2, message: 'An unexpected error has occurred. Please retry your request later.' }, 'failed'],
  [{ code: 613 }, 'failed'],
] as const)('Send API answer %j is %s', (error, kind) => {
  expect(classifySendOutcome(error)).toBe(kind);
});

test('no signal: unknown', () => {
  expect(reachabilityOf([], [])).toEqual({ state: 'unknown' });
  expect(reachabilityOf([{ time: 5, kind: 'outside_window' }], [])).toEqual({ state: 'unknown' });
});

test('a 551 after the last message makes the contact unreachable from the first 551', () => {
  const outcomes = [
    { time: 30, kind: 'unreachable' as const },
    { time: 10, kind: 'delivered' as const },
    { time: 40, kind: 'unreachable' as const },
    { time: 35, kind: 'failed' as const },
  ];
  expect(reachabilityOf(outcomes, [5, 20])).toEqual({ state: 'unreachable', since: 30 });
});

test('a message from the person or a delivered send after a 551 makes them reachable again', () => {
  expect(reachabilityOf([{ time: 30, kind: 'unreachable' }], [5, 50])).toEqual({ state: 'reachable', since: 50 });
  expect(
    reachabilityOf(
      [
        { time: 30, kind: 'unreachable' },
        { time: 60, kind: 'delivered' },
      ],
      [5],
    ),
  ).toEqual({ state: 'reachable', since: 60 });
});

test('outside the window is not a block', () => {
  expect(reachabilityOf([{ time: 90, kind: 'outside_window' }], [5])).toEqual({ state: 'reachable', since: 5 });
});

test('at equal times, unreachable wins', () => {
  expect(reachabilityOf([{ time: 10, kind: 'unreachable' }], [10])).toEqual({ state: 'unreachable', since: 10 });
});

const kinds: SendOutcomeKind[] = ['delivered', 'outside_window', 'unreachable', 'failed'];

test('any order of the same signals, and any repetition, gives the same reachability', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ time: fc.integer({ min: 0, max: 50 }), kind: fc.constantFrom(...kinds) }), {
        maxLength: 12,
      }),
      fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 6 }),
      fc.integer(),
      (outcomes, inbound, seed) => {
        const expected = reachabilityOf(outcomes, inbound);
        const shuffled = fc.sample(fc.shuffledSubarray(outcomes, { minLength: outcomes.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        expect(reachabilityOf([...shuffled, ...outcomes.slice(0, 2)], [...inbound].reverse())).toEqual(expected);
      },
    ),
  );
});
