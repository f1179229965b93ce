import { Injectable } from '@nestjs/common';
import { summarizeContact } from '@ctm/attribution';
import type { EntityManager } from 'typeorm';
import { MessengerRepository, type PersonRef } from './messenger.repository.js';

/** Source of a contact first seen through the conversation backfill, with no referral known. */
export const BACKFILL_SOURCE = 'UNKNOWN_BACKFILL';

/** Derives a contact again from all its stored events: the result does not depend on arrival order. */
@Injectable()
export class ContactBuilder {
  constructor(private readonly repo: MessengerRepository) {}

  async recompute(m: EntityManager, person: PersonRef): Promise<void> {
    await this.repo.lockPerson(m, person);
    const summary = summarizeContact(await this.repo.contactEvents(m, person));
    if (!summary) return this.repo.deleteContact(m, person);
    // an "organic" opening that only the backfill saw is not known to be organic: the webhook was missed
    if (
      summary.firstTouch.source === 'ORGANIC' &&
      (await this.repo.isBackfilled(m, person.workspaceId, summary.firstTouch.eventId))
    ) {
      const opening = { ...summary.firstTouch, source: BACKFILL_SOURCE };
      summary.firstTouch = opening;
      summary.touches = summary.touches.map((t) => (t.eventId === opening.eventId ? opening : t));
    }
    await this.repo.saveContact(m, person, summary);
  }
}
