import { Injectable } from '@nestjs/common';
import {
  attributeConversion,
  reachabilityOf,
  summarizeContact,
  type AttributionModel,
  type ContactSummary,
  type MessengerEvent,
  type Reachability,
  type Touch,
} from '@ctm/attribution';
import { contributions, rollupDelta, type ContactFacts, type RollupRow } from '@ctm/metrics';
import type { EntityManager } from 'typeorm';
import { MessengerRepository, personId, type PersonKey, type PersonRef } from './messenger.repository.js';

/** Source of a contact first seen through the conversation backfill, with no referral known. */
export const BACKFILL_SOURCE = 'UNKNOWN_BACKFILL';

/** Derives contacts again from all their stored events: the result does not depend on arrival order. */
@Injectable()
export class ContactBuilder {
  constructor(private readonly repo: MessengerRepository) {}

  async recompute(m: EntityManager, person: PersonRef): Promise<void> {
    await this.recomputeMany(m, person.workspaceId, [person]);
  }

  /**
   * The same for several people of one workspace, in a few statements whatever their number: a
   * batch of webhook deliveries derives all the people it concerns at once.
   */
  async recomputeMany(m: EntityManager, workspaceId: string, people: PersonKey[]): Promise<void> {
    if (people.length === 0) return;
    await this.repo.lockPeople(m, workspaceId, people);
    const stored = await this.repo.contactEvents(m, workspaceId, people);
    const sent = await this.repo.sendOutcomesOf(m, workspaceId, people);
    const derived: Derived[] = [];
    const gone: PersonKey[] = [];
    for (const person of people) {
      const { events, backfilled } = stored.get(personId(person))!;
      const summary = summarizeContact(events);
      if (!summary) gone.push(person);
      else
        derived.push({
          person,
          summary: markBackfilledOpening(summary, backfilled),
          reachability: reachabilityOf(sent.get(personId(person)) ?? [], inboundTimes(events)),
        });
    }
    const credited = await this.creditConversions(m, workspaceId, derived);
    const contributed = await this.updateRollups(m, workspaceId, derived, gone, credited);
    await this.repo.deleteContacts(m, workspaceId, gone);
    await this.repo.saveContacts(
      m,
      workspaceId,
      derived.map((d) => ({ ...d, firstConversionAt: firstTime(credited.get(personId(d.person))) })),
    );
    await this.repo.saveContributions(m, workspaceId, contributed);
  }

  /**
   * Replaces the people's old contributions to the daily rollups by their new ones (contributions
   * stored per contact), so the rollups stay exact whatever changed: see libs/metrics contributions.
   */
  private async updateRollups(
    m: EntityManager,
    workspaceId: string,
    derived: Derived[],
    gone: PersonKey[],
    credited: Map<string, CreditedConversion[]>,
  ): Promise<{ person: PersonKey; rows: RollupRow[] }[]> {
    const timeZone = await this.repo.timeZone(m, workspaceId);
    const before = await this.repo.contributionsOf(m, workspaceId, [...derived.map((d) => d.person), ...gone]);
    const deltas: RollupRow[] = [];
    const after: { person: PersonKey; rows: RollupRow[] }[] = [];
    for (const { person, summary, reachability } of derived) {
      const rows = contributions(
        {
          pageId: person.pageId,
          firstSeenAt: summary.firstSeenAt,
          firstTouch: summary.firstTouch,
          inboundMessages: summary.inboundMessages,
          reachability: reachability.state,
          reengagements: summary.touches.filter((t) => !t.opensThread),
          conversions: credited.get(personId(person)) ?? [],
        },
        timeZone,
      );
      deltas.push(...rollupDelta(before.get(personId(person)) ?? [], rows));
      after.push({ person, rows });
    }
    for (const person of gone) deltas.push(...rollupDelta(before.get(personId(person)) ?? [], []));
    await this.repo.addToRollup(m, workspaceId, deltas);
    return after;
  }

  /** Credits each of the people's conversions to a touch, by the workspace's model and window. */
  private async creditConversions(
    m: EntityManager,
    workspaceId: string,
    derived: Derived[],
  ): Promise<Map<string, CreditedConversion[]>> {
    const conversions = await this.repo.conversionsOf(
      m,
      workspaceId,
      derived.map((d) => d.person),
    );
    const byPerson = new Map<string, CreditedConversion[]>();
    if (conversions.size === 0) return byPerson;
    const model: AttributionModel = await this.repo.attributionModel(m, workspaceId);
    const credits: { id: string; touch: Touch | undefined }[] = [];
    for (const { person, summary } of derived) {
      const list = conversions.get(personId(person)) ?? [];
      byPerson.set(
        personId(person),
        list.map((c) => {
          const touch = attributeConversion({ time: c.time }, summary.touches, model);
          credits.push({ id: c.id, touch });
          return { time: c.time, value: c.value, currency: c.currency, credited: touch ?? null };
        }),
      );
    }
    await this.repo.creditConversions(m, credits);
    return byPerson;
  }
}

type Derived = { person: PersonKey; summary: ContactSummary; reachability: Reachability };
type CreditedConversion = ContactFacts['conversions'][number];

/** The earliest of a person's conversions, credited or not (what makes a new contact converted). */
function firstTime(conversions: CreditedConversion[] | undefined): number | null {
  return conversions && conversions.length > 0 ? Math.min(...conversions.map((c) => c.time)) : null;
}

/** When the person wrote, clicked or opted in: each is a sign they could be reached then. */
function inboundTimes(events: MessengerEvent[]): number[] {
  return events.filter((e) => e.kind !== 'echo').map((e) => e.time);
}

/** An "organic" opening that only the backfill saw is not known to be organic: the webhook was missed. */
function markBackfilledOpening(summary: ContactSummary, backfilled: Set<string>): ContactSummary {
  if (summary.firstTouch.source !== 'ORGANIC' || !backfilled.has(summary.firstTouch.eventId)) return summary;
  const opening = { ...summary.firstTouch, source: BACKFILL_SOURCE };
  return {
    ...summary,
    firstTouch: opening,
    touches: summary.touches.map((t) => (t.eventId === opening.eventId ? opening : t)),
  };
}
