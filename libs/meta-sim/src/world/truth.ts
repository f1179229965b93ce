import type { PersonState, PersonTruth } from '../types.js';
import { personIndexOf, psidOf, userRefOf } from './ids.js';
import { decodePersonIndex, drawFate } from './person.js';
import { Flag, planSession, type Session } from './session.js';
import type { SimWorld } from './sim-world.js';
import { arrivalCount } from './streams.js';

/** Everyone, day by day (stream days), each day's people in order of first touch. */
export function* worldTruth(world: SimWorld): Generator<PersonTruth> {
  const seed = world.structure.seed;
  const { first, last } = world.dayRange();
  for (let day = first; day <= last; day += 1) {
    const people: PersonTruth[] = [];
    for (const stream of world.streams) {
      const n = arrivalCount(seed, stream, day);
      for (let j = 0; j < n; j += 1) {
        const person = personTruth(world, sessionsOf(world, stream.index, day, j));
        if (person) people.push(person);
      }
    }
    people.sort((a, b) => (a.touches[0]?.at ?? 0) - (b.touches[0]?.at ?? 0) || (a.psid < b.psid ? -1 : 1));
    yield* people;
  }
}

function sessionsOf(world: SimWorld, streamIndex: number, day: number, j: number): Session[] {
  const stream = world.streams[streamIndex];
  if (!stream) return [];
  const fate = drawFate(world, stream, day, j);
  return [planSession(world, fate, 0), planSession(world, fate, 1)].filter((s): s is Session => s !== undefined);
}

function personTruth(world: SimWorld, sessions: Session[]): PersonTruth | undefined {
  const first = sessions[0];
  if (!first) return undefined;
  const { seed } = world.structure;
  const plugin = first.stream.kind === 'plugin';
  const blockedAt = sessions.find((s) => s.blockedAt !== undefined)?.blockedAt;
  const seenAsPsid = sessions.some((s) =>
    s.steps.some((step) => !(step.flags & Flag.guest) && step.kind !== 'order' && step.kind !== 'block'),
  );
  return {
    pageId: first.stream.page.page.id,
    psid: psidOf(seed, first.fate.u),
    ...(plugin ? { userRef: userRefOf(seed, first.fate.u) } : {}),
    touches: sessions.map((s) => s.touch),
    conversions: sessions.flatMap((s) => s.conversions),
    ...(blockedAt === undefined ? {} : { blockedAt }),
    ...(plugin && !seenAsPsid ? { guest: true } : {}),
  };
}

const PERSON_SENT = new Set(['start', 'referral', 'in', 'optin', 'optin_otn', 'optin_stop', 'conversion']);

/** Regenerates one person from their PSID (cheap for any size): blocked? last inbound before `at`? */
export function worldPersonState(world: SimWorld, pageId: string, psid: string, at: number): PersonState {
  const unknown: PersonState = { known: false, blocked: false };
  const u = personIndexOf(world.structure.seed, psid);
  if (u === undefined) return unknown;
  const { streamIndex, day, j } = decodePersonIndex(world, u);
  const stream = world.streams[streamIndex];
  const { first, last } = world.dayRange();
  if (!stream || stream.page.page.id !== pageId || day < first || day > last) return unknown;
  if (j >= arrivalCount(world.structure.seed, stream, day)) return unknown;
  const sessions = sessionsOf(world, streamIndex, day, j);
  if (!sessions[0] || sessions[0].start > at) return unknown;
  let lastInboundAt: number | undefined;
  for (const s of sessions)
    for (const step of s.steps) if (step.at <= at && PERSON_SENT.has(step.kind)) lastInboundAt = step.at;
  const blockedAt = sessions.find((s) => s.blockedAt !== undefined)?.blockedAt;
  const blocked = blockedAt !== undefined && blockedAt <= at;
  return {
    known: true,
    blocked,
    ...(blocked ? { blockedAt } : {}),
    ...(lastInboundAt === undefined ? {} : { lastInboundAt }),
  };
}
