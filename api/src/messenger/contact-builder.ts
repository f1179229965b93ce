import { Injectable } from '@nestjs/common';
import {
  attributeConversion,
  reachabilityOf,
  summarizeContact,
  type AttributionModel,
  type ContactSummary,
  type MessengerEvent,
  type Reachability,
} from '@ctm/attribution';
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
    const derived: { person: PersonKey; summary: ContactSummary; reachability: Reachability }[] = [];
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
    await this.repo.deleteContacts(m, workspaceId, gone);
    await this.repo.saveContacts(m, workspaceId, derived);
    await this.creditConversions(m, workspaceId, derived);
  }

  /** Credits each of the people's conversions to a touch, by the workspace's model and window. */
  private async creditConversions(
    m: EntityManager,
    workspaceId: string,
    derived: { person: PersonKey; summary: ContactSummary }[],
  ): Promise<void> {
    const conversions = await this.repo.conversionsOf(
      m,
      workspaceId,
      derived.map((d) => d.person),
    );
    if (conversions.size === 0) return;
    const model: AttributionModel = await this.repo.attributionModel(m, workspaceId);
    const credits = derived.flatMap(({ person, summary }) =>
      (conversions.get(personId(person)) ?? []).map((c) => ({
        id: c.id,
        touch: attributeConversion({ time: c.time }, summary.touches, model),
      })),
    );
    await this.repo.creditConversions(m, credits);
  }
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
