// The world's people as the product's processing would store them, without the webhook round trip.
// For each simulated person: the conversations the generator plans, rendered as the webhook events
// Meta would send, parsed by the product's parser (libs/attribution parseItem), keyed as EventIngest
// keys them (PSID, or uref:<user_ref> for a chat-plugin guest), derived by the product's own pure
// functions (summarizeContact, reachabilityOf, matchConversionRule, attributeConversion), exactly what
// ContactBuilder stores. Reads and deliveries are not rendered: they shape no contact (see
// CONTACT_KINDS); messages, the page's included, are counted.
import {
  attributeConversion,
  matchConversionRule,
  parseItem,
  reachabilityOf,
  summarizeContact,
} from '../../../libs/attribution/dist/index.js';
import { psidOf } from '../../../libs/meta-sim/dist/world/ids.js';
import { drawFate } from '../../../libs/meta-sim/dist/world/person.js';
import { renderSession } from '../../../libs/meta-sim/dist/world/render.js';
import { planSession } from '../../../libs/meta-sim/dist/world/session.js';
import { SimWorld } from '../../../libs/meta-sim/dist/world/sim-world.js';
import { SIZES } from '../../../libs/meta-sim/dist/world/sizes.js';
import { buildStructure } from '../../../libs/meta-sim/dist/world/structure.js';
import { arrivalCount } from '../../../libs/meta-sim/dist/world/streams.js';

/** Steps that become contact-shaping events: what the person sends, and the page's replies (echoes). */
const SHAPING = new Set(['start', 'referral', 'in', 'out', 'optin', 'optin_otn', 'optin_stop', 'conversion']);
/** When the business's next message to someone who blocked the page comes back 551. */
const SEND_AFTER_BLOCK_MS = 6 * 3_600_000;

export function simWorld(seed, size, endDate) {
  const spec = SIZES[size];
  return new SimWorld(buildStructure(seed, spec, endDate), spec);
}

/**
 * Yields batches of what processing stores: contacts (with their summary and reachability, the
 * shape MessengerRepository.saveContacts takes), conversions (rule ones from the events, API ones
 * for the orders the shop reports, each credited by the workspace's model) and send outcomes.
 */
export function* people(sim, { rules, model, batchSize = 5000 }) {
  const seed = sim.structure.seed;
  const { first, last } = sim.dayRange();
  const counts = { people: 0, messages: 0, inbound: 0, events: 0, contacts: 0, conversions: 0, outcomes: 0 };
  let batch = emptyBatch();
  for (let day = first; day <= last; day += 1) {
    for (const stream of sim.streams) {
      const n = arrivalCount(seed, stream, day);
      for (let j = 0; j < n; j += 1) {
        addPerson(sim, drawFate(sim, stream, day, j), { rules, model, counts, batch });
        if (batch.contacts.length >= batchSize) {
          yield { ...batch, counts };
          batch = emptyBatch();
        }
      }
    }
  }
  yield { ...batch, counts };
}

function emptyBatch() {
  return { contacts: [], conversions: [], outcomes: [] };
}

function addPerson(sim, fate, { rules, model, counts, batch }) {
  const sessions = [planSession(sim, fate, 0), planSession(sim, fate, 1)].filter(Boolean);
  if (sessions.length === 0) return;
  counts.people += 1;
  const pageId = sessions[0].stream.page.page.id;
  const events = [];
  const orders = [];
  let blockedAt;
  for (const s of sessions) {
    for (const step of s.steps) if (step.kind === 'in' || step.kind === 'out') counts.messages += 1;
    for (const step of s.steps) if (step.kind === 'in') counts.inbound += 1;
    for (const c of s.conversions) if (c.value !== undefined) orders.push(c);
    blockedAt ??= s.blockedAt;
    const shaping = { ...s, steps: s.steps.filter((step) => SHAPING.has(step.kind)) };
    for (const { event } of renderSession(sim, shaping)) {
      const parsed = parseItem(event, pageId);
      if (parsed.event) events.push(parsed.event);
    }
  }
  counts.events += events.length;
  // the shop knows the person by their PSID (a chat-plugin guest's too, from its own checkout)
  const psid = psidOf(sim.structure.seed, fate.u);
  const byKey = groupByPerson(events);
  // what the shop reports: orders with their value, and a 551 when it next messages someone who blocked
  const conversions = orders.map((o, i) => ({
    personKey: psid,
    time: o.at,
    value: o.value,
    currency: o.currency,
    eventName: 'order',
    origin: 'api',
    idempotencyKey: `api:order-${fate.u}-${i}`,
    ruleId: null,
  }));
  const outcomes =
    blockedAt !== undefined && blockedAt + SEND_AFTER_BLOCK_MS < sim.structure.worldEnd
      ? [
          {
            personKey: psid,
            time: blockedAt + SEND_AFTER_BLOCK_MS,
            outcome: 'unreachable',
            errorCode: 551,
            key: `o-${fate.u}`,
          },
        ]
      : [];
  for (const [personKey, list] of byKey) {
    for (const event of list) {
      if (event.kind !== 'message' && event.kind !== 'postback') continue;
      const rule = matchConversionRule(event, rules);
      if (rule)
        conversions.push({
          personKey,
          time: event.time,
          value: null,
          currency: null,
          eventName: rule.name,
          origin: 'rule',
          idempotencyKey: `rule:${rule.id}:${event.id}`,
          ruleId: rule.id,
        });
    }
  }
  for (const [personKey, list] of byKey) {
    const summary = summarizeContact(list);
    const mine = conversions.filter((c) => c.personKey === personKey);
    if (summary) {
      const sent = outcomes.filter((o) => o.personKey === personKey).map((o) => ({ time: o.time, kind: o.outcome }));
      const reachability = reachabilityOf(
        sent,
        list.filter((e) => e.kind !== 'echo').map((e) => e.time),
      );
      // as ContactBuilder: the earliest of the person's conversions, credited or not
      const firstConversionAt = mine.length > 0 ? Math.min(...mine.map((c) => c.time)) : null;
      batch.contacts.push({ person: { pageId, personKey }, summary, reachability, firstConversionAt });
      counts.contacts += 1;
      for (const c of mine) c.credited = attributeConversion({ time: c.time }, summary.touches, model) ?? null;
    }
  }
  for (const c of conversions) batch.conversions.push({ ...c, pageId, credited: c.credited ?? null });
  for (const o of outcomes) batch.outcomes.push({ ...o, pageId });
  counts.conversions += conversions.length;
  counts.outcomes += outcomes.length;
}

/** As EventIngest: the PSID, a guest revealed by an event carrying both ids under it, else uref:<user_ref>. */
function groupByPerson(events) {
  const revealed = new Map();
  for (const e of events) if (e.psid && e.userRef) revealed.set(e.userRef, e.psid);
  const byKey = new Map();
  for (const e of events) {
    const key = e.psid ?? revealed.get(e.userRef) ?? `uref:${e.userRef}`;
    const list = byKey.get(key) ?? [];
    list.push(e);
    byKey.set(key, list);
  }
  return byKey;
}
