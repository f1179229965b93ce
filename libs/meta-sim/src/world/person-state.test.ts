import { expect, test } from 'vitest';
import { eventsByPerson, load } from './fixtures.js';

test('person state answers the Send API: blocked from blockedAt on, last inbound from the events', () => {
  const { world, truth, events } = load('small');
  const byPerson = eventsByPerson(events);
  const blocked = truth.filter((p) => p.blockedAt !== undefined && !p.guest);
  expect(blocked.length).toBeGreaterThan(5);
  for (const person of blocked.slice(0, 40)) {
    const at = person.blockedAt!;
    expect(world.personState(person.pageId, person.psid, at - 1)).toMatchObject({ known: true, blocked: false });
    expect(world.personState(person.pageId, person.psid, at)).toMatchObject({
      known: true,
      blocked: true,
      blockedAt: at,
    });
    // nothing comes from a person after they blocked the page
    expect((byPerson.get(person.psid) ?? []).every((e) => e.time <= at)).toBe(true);
  }
  for (const person of truth.filter((p) => !p.guest && p.userRef === undefined).slice(0, 200)) {
    const mine = (byPerson.get(person.psid) ?? []).filter((e) => e.event.sender?.id === person.psid);
    const inbound = mine.filter((e) => e.event.message || e.event.postback || e.event.referral || e.event.optin);
    const last = inbound[inbound.length - 1];
    if (!last) continue;
    expect(world.personState(person.pageId, person.psid, last.time + 1000).lastInboundAt).toBe(last.time);
  }
  const page = world.pages[0]!.id;
  expect(world.personState(page, '1234567890123456', Date.now()).known).toBe(false);
  const first = truth[0]!;
  expect(world.personState(first.pageId, first.psid, first.touches[0]!.at - 1).known).toBe(false);
});

test('conversions of the truth: postbacks in events, shop orders with a value only in truth', () => {
  const { truth, events } = load('small');
  const byPerson = eventsByPerson(events);
  let postbacks = 0;
  let orders = 0;
  for (const person of truth) {
    for (const c of person.conversions) {
      if (c.value !== undefined) {
        expect(c.currency).toMatch(/^[A-Z]{3}$/);
        orders += 1;
        continue;
      }
      const mine = [...(byPerson.get(person.psid) ?? []), ...(byPerson.get(person.userRef ?? '-') ?? [])];
      const postback = mine.find((e) => e.time === c.at && e.event.postback);
      expect((postback?.event.postback as { payload?: string } | undefined)?.payload).toBe(
        c.kind === 'lead' ? 'LEAD' : 'PURCHASE',
      );
      postbacks += 1;
    }
  }
  expect(postbacks).toBeGreaterThan(10);
  expect(orders).toBeGreaterThan(5);
});
