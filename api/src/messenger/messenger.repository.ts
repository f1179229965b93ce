import { Injectable } from '@nestjs/common';
import type { AttributionModel, ContactSummary, MessengerEvent, Touch } from '@ctm/attribution';
import type { EntityManager } from 'typeorm';

export type PendingDelivery = { id: string; body: Buffer; receivedAt: Date };
export type PersonRef = { workspaceId: string; pageId: string; personKey: string };
export type ConversionRuleRow = {
  id: string;
  name: string;
  kind: 'payload' | 'keyword';
  pattern: string;
  value: string | null;
  currency: string | null;
};

/** Events that shape a contact; reads, deliveries and policy notices do not. */
export const CONTACT_KINDS = ['message', 'echo', 'postback', 'referral', 'optin'];

/** The SQL of webhook processing; every method runs inside the caller's transaction. */
@Injectable()
export class MessengerRepository {
  async claimPending(m: EntityManager, limit: number): Promise<PendingDelivery[]> {
    const rows: { id: string; body: Buffer; received_at: Date }[] = await m.query(
      `SELECT id, body, received_at FROM webhook_delivery WHERE status = 'pending'
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: String(r.id), body: r.body, receivedAt: r.received_at }));
  }

  async markProcessed(m: EntityManager, id: string, events: number): Promise<void> {
    await m.query(`UPDATE webhook_delivery SET status = 'processed', events = $2, processed_at = now() WHERE id = $1`, [
      id,
      events,
    ]);
  }

  /** A delivery whose processing threw: counted, retried, and parked as failed after a few tries. */
  async markAttemptFailed(m: EntityManager, id: string, error: string, maxAttempts: number): Promise<void> {
    await m.query(
      `UPDATE webhook_delivery SET attempts = attempts + 1, error = $2,
         status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE status END WHERE id = $1`,
      [id, error, maxAttempts],
    );
  }

  async workspacesOfPages(m: EntityManager, pageIds: string[]): Promise<Map<string, string>> {
    const rows: { page_id: string; workspace_id: string }[] = await m.query(
      `SELECT page_id, workspace_id FROM messenger_page WHERE page_id = ANY($1)`,
      [pageIds],
    );
    return new Map(rows.map((r) => [r.page_id, r.workspace_id]));
  }

  async quarantine(
    m: EntityManager,
    deliveryId: string,
    receivedAt: Date,
    item: { pageId?: string; reason: 'page_not_connected' | 'unknown_shape'; item: unknown; detail?: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO webhook_quarantine (delivery_id, page_id, reason, item, detail, received_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        deliveryId,
        item.pageId ?? null,
        item.reason,
        JSON.stringify(item.item ?? null),
        item.detail ?? null,
        receivedAt,
      ],
    );
  }

  /**
   * Stores events once (by their identity), in id order so that concurrent processors lock them in one
   * sequence and cannot deadlock; returns the ids that were new. A message first seen by
   * the conversation backfill (no delivery) is replaced by its webhook form, which may carry a referral.
   */
  async insertEvents(
    m: EntityManager,
    workspaceId: string,
    events: { event: MessengerEvent; personKey: string | null; deliveryId: string | null }[],
  ): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    // one statement may not touch a row twice: a batch that carries an event twice keeps its first copy
    const seen = new Set<string>();
    const unique = events.filter((e) => !seen.has(e.event.id) && Boolean(seen.add(e.event.id)));
    const rows: { event_id: string }[] = await m.query(
      `INSERT INTO messenger_event (workspace_id, event_id, page_id, kind, person_key, time, delivery_id, event)
       SELECT $1, e.id, e."pageId", e.kind, e."personKey", to_timestamp(e.time / 1000.0), e."deliveryId", e.event
       FROM jsonb_to_recordset($2::jsonb) AS e(id text, "pageId" text, kind text, "personKey" text, time float8,
         "deliveryId" bigint, event jsonb)
       ORDER BY e.id
       ON CONFLICT (workspace_id, event_id) DO UPDATE SET event = EXCLUDED.event, delivery_id = EXCLUDED.delivery_id,
         person_key = EXCLUDED.person_key
         WHERE messenger_event.delivery_id IS NULL AND EXCLUDED.delivery_id IS NOT NULL
       RETURNING event_id`,
      [
        workspaceId,
        JSON.stringify(
          unique.map(({ event, personKey, deliveryId }) => ({
            id: event.id,
            pageId: event.pageId,
            kind: event.kind,
            personKey,
            time: event.time,
            deliveryId,
            event,
          })),
        ),
      ],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  /** The PSID a chat-plugin user_ref is known to be, if Meta revealed it. */
  async psidOfUserRef(
    m: EntityManager,
    workspaceId: string,
    pageId: string,
    userRef: string,
  ): Promise<string | undefined> {
    const [row] = await m.query(
      `SELECT psid FROM contact WHERE workspace_id = $1 AND page_id = $2 AND psid IS NOT NULL AND $3 = ANY(user_refs) LIMIT 1`,
      [workspaceId, pageId, userRef],
    );
    return row?.psid ?? undefined;
  }

  /** Meta revealed that a plugin visitor is this PSID: their events join the PSID's contact. */
  async mergeUserRef(
    m: EntityManager,
    workspaceId: string,
    pageId: string,
    userRef: string,
    psid: string,
  ): Promise<void> {
    const guestKey = `uref:${userRef}`;
    await m.query(
      `UPDATE messenger_event SET person_key = $4 WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3`,
      [workspaceId, pageId, guestKey, psid],
    );
    await m.query(`DELETE FROM contact WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3`, [
      workspaceId,
      pageId,
      guestKey,
    ]);
  }

  /**
   * Serialises the derivations of one person until the transaction ends. Taken after the events are stored
   * and before they are read back: of two deliveries for one person processed side by side, the second to
   * lock then reads the first's committed events, so neither overwrites the contact with half the story.
   */
  async lockPerson(m: EntityManager, person: PersonRef): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `contact:${person.workspaceId}:${person.pageId}:${person.personKey}`,
    ]);
  }

  async contactEvents(m: EntityManager, person: PersonRef): Promise<MessengerEvent[]> {
    const rows: { event: MessengerEvent }[] = await m.query(
      `SELECT event FROM messenger_event WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3 AND kind = ANY($4)`,
      [person.workspaceId, person.pageId, person.personKey, CONTACT_KINDS],
    );
    return rows.map((r) => r.event);
  }

  /** Writes a contact and replaces its touches with the freshly derived ones. */
  async saveContact(m: EntityManager, person: PersonRef, summary: ContactSummary): Promise<void> {
    const { workspaceId, pageId, personKey } = person;
    const first = summary.firstTouch;
    await m.query(
      `INSERT INTO contact (workspace_id, page_id, person_key, psid, user_refs, first_seen_at, first_touch_event,
         first_source, first_ref, first_ad_id, inbound_messages, last_inbound_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, to_timestamp($6 / 1000.0), $7, $8, $9, $10, $11, to_timestamp($12 / 1000.0), now())
       ON CONFLICT (workspace_id, page_id, person_key) DO UPDATE SET psid = EXCLUDED.psid, user_refs = EXCLUDED.user_refs,
         first_seen_at = EXCLUDED.first_seen_at, first_touch_event = EXCLUDED.first_touch_event,
         first_source = EXCLUDED.first_source, first_ref = EXCLUDED.first_ref, first_ad_id = EXCLUDED.first_ad_id,
         inbound_messages = EXCLUDED.inbound_messages, last_inbound_at = EXCLUDED.last_inbound_at, updated_at = now()`,
      [
        workspaceId,
        pageId,
        personKey,
        summary.psid ?? null,
        summary.userRefs,
        summary.firstSeenAt,
        first.eventId,
        first.source,
        first.ref ?? null,
        first.adId ?? null,
        summary.inboundMessages,
        summary.lastInboundAt ?? null,
      ],
    );
    await m.query(`DELETE FROM contact_touch WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3`, [
      workspaceId,
      pageId,
      personKey,
    ]);
    await m.query(
      `INSERT INTO contact_touch (workspace_id, event_id, page_id, person_key, source, time, ref, ad_id, ad_title, referer_uri, opens_thread)
       SELECT $1, t."eventId", $2, $3, t.source, to_timestamp(t.time / 1000.0), t.ref, t."adId", t."adTitle", t."refererUri", t."opensThread"
       FROM jsonb_to_recordset($4::jsonb) AS t("eventId" text, source text, time float8, ref text, "adId" text,
         "adTitle" text, "refererUri" text, "opensThread" boolean)`,
      [workspaceId, pageId, personKey, JSON.stringify(summary.touches)],
    );
  }

  /** The workspace's attribution model (first or last touch) and window. */
  async attributionModel(m: EntityManager, workspaceId: string): Promise<AttributionModel> {
    const [row] = await m.query(`SELECT attribution_model, attribution_window_days FROM workspace WHERE id = $1`, [
      workspaceId,
    ]);
    return { kind: row.attribution_model, windowMs: row.attribution_window_days * 86_400_000 };
  }

  async personConversions(m: EntityManager, person: PersonRef): Promise<{ id: string; time: number }[]> {
    const rows: { id: string; ms: string }[] = await m.query(
      `SELECT id, extract(epoch FROM time) * 1000 AS ms FROM conversion
       WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3 ORDER BY id`,
      [person.workspaceId, person.pageId, person.personKey],
    );
    return rows.map((r) => ({ id: r.id, time: Number(r.ms) }));
  }

  async creditConversion(m: EntityManager, conversionId: string, touch: Touch | undefined): Promise<void> {
    await m.query(
      `UPDATE conversion SET credited_event_id = $2, credited_source = $3, credited_ad_id = $4, credited_ref = $5 WHERE id = $1`,
      [conversionId, touch?.eventId ?? null, touch?.source ?? null, touch?.adId ?? null, touch?.ref ?? null],
    );
  }

  /** True when the event is known only from the conversation backfill, not from a webhook delivery. */
  async isBackfilled(m: EntityManager, workspaceId: string, eventId: string): Promise<boolean> {
    const [row] = await m.query(
      `SELECT delivery_id IS NULL AS backfilled FROM messenger_event WHERE workspace_id = $1 AND event_id = $2`,
      [workspaceId, eventId],
    );
    return row?.backfilled === true;
  }

  async deleteContact(m: EntityManager, person: PersonRef): Promise<void> {
    await m.query(`DELETE FROM contact WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3`, [
      person.workspaceId,
      person.pageId,
      person.personKey,
    ]);
  }

  async conversionRules(m: EntityManager, workspaceId: string): Promise<ConversionRuleRow[]> {
    return (await m.query(
      `SELECT id, name, kind, pattern, value::text AS value, currency FROM conversion_rule WHERE workspace_id = $1`,
      [workspaceId],
    )) as ConversionRuleRow[];
  }

  async insertRuleConversion(
    m: EntityManager,
    workspaceId: string,
    rule: ConversionRuleRow,
    event: MessengerEvent,
    personKey: string,
  ) {
    await m.query(
      `INSERT INTO conversion (workspace_id, page_id, person_key, event_name, value, currency, time, origin, idempotency_key, rule_id)
       VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7 / 1000.0), 'rule', $8, $9)
       ON CONFLICT (workspace_id, idempotency_key) DO NOTHING`,
      [
        workspaceId,
        event.pageId,
        personKey,
        rule.name,
        rule.value,
        rule.currency,
        event.time,
        `rule:${rule.id}:${event.id}`,
        rule.id,
      ],
    );
  }
}
