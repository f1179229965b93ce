import { Injectable } from '@nestjs/common';
import type { MessengerEvent } from '@ctm/attribution';
import type { EntityManager } from 'typeorm';
import { ContactBuilder } from './contact-builder.js';
import { ConversionMatcher } from './conversion-matcher.js';
import { CONTACT_KINDS, MessengerRepository, personId, type PersonKey } from './messenger.repository.js';

/**
 * Stores normalised events of one workspace once each and derives what they change: conversions
 * by rule, and the contacts of the people they concern. The webhook processor, the conversation
 * backfill and the quarantine release all come through here.
 */
@Injectable()
export class EventIngest {
  constructor(
    private readonly repo: MessengerRepository,
    private readonly conversions: ConversionMatcher,
    private readonly contacts: ContactBuilder,
  ) {}

  /** Returns how many of the events were new. */
  async store(
    m: EntityManager,
    workspaceId: string,
    deliveryId: string | null,
    events: MessengerEvent[],
  ): Promise<number> {
    return this.storeDelivered(
      m,
      workspaceId,
      events.map((event) => ({ event, deliveryId })),
    );
  }

  /** The same for events of several deliveries at once, each keeping its delivery. */
  async storeDelivered(
    m: EntityManager,
    workspaceId: string,
    events: { event: MessengerEvent; deliveryId: string | null }[],
  ): Promise<number> {
    // a plugin visitor Meta reveals in these events is known by PSID for all of them, whatever their order
    const revealed = new Map<string, string>();
    const touched = new Map<string, PersonKey>();
    for (const { event } of events) {
      if (!event.psid || !event.userRef) continue;
      await this.repo.mergeUserRef(m, workspaceId, event.pageId, event.userRef, event.psid);
      revealed.set(`${event.pageId}\u0000${event.userRef}`, event.psid);
      // the guest's contact, if any, is derived again: with no events left it goes, figures and all
      const guest = { pageId: event.pageId, personKey: `uref:${event.userRef}` };
      touched.set(personId(guest), guest);
    }
    const keyed = [];
    for (const { event, deliveryId } of events) {
      const psid = event.userRef ? revealed.get(`${event.pageId}\u0000${event.userRef}`) : undefined;
      keyed.push({ event, deliveryId, personKey: psid ?? (await this.personKey(m, workspaceId, event)) });
    }
    const fresh = await this.repo.insertEvents(m, workspaceId, keyed);
    for (const { event, personKey } of keyed) {
      if (!fresh.has(event.id) || !personKey) continue;
      await this.conversions.fromEvent(m, workspaceId, event, personKey);
      // reads and deliveries do not shape a contact: deriving it again would change nothing
      if (!CONTACT_KINDS.includes(event.kind)) continue;
      const person = { pageId: event.pageId, personKey };
      touched.set(personId(person), person);
    }
    // contacts in key order, like events in id order: every transaction locks rows in the same sequence
    const people = [...touched].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, person]) => person);
    await this.contacts.recomputeMany(m, workspaceId, people);
    return fresh.size;
  }

  /** PSID when known; a chat-plugin visitor is `uref:<user_ref>` until Meta reveals their PSID. */
  private async personKey(m: EntityManager, workspaceId: string, event: MessengerEvent): Promise<string | null> {
    if (event.psid) return event.psid;
    if (!event.userRef) return null;
    return (await this.repo.psidOfUserRef(m, workspaceId, event.pageId, event.userRef)) ?? `uref:${event.userRef}`;
  }
}
