import { Injectable } from '@nestjs/common';
import { attributeConversion, summarizeContact, type ContactSummary } from '@ctm/attribution';
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
    await this.creditConversions(m, person, summary);
  }

  /** Credits each of the person's conversions to a touch, by the workspace's model and window. */
  private async creditConversions(m: EntityManager, person: PersonRef, summary: ContactSummary): Promise<void> {
    const conversions = await this.repo.personConversions(m, person);
    if (conversions.length === 0) return;
    const model = await this.repo.attributionModel(m, person.workspaceId);
    for (const c of conversions) {
      await this.repo.creditConversion(m, c.id, attributeConversion({ time: c.time }, summary.touches, model));
    }
  }
}
