import { Injectable } from '@nestjs/common';
import type { RollupRow } from '@ctm/metrics';
import type {
  AttributionModel,
  ContactSummary,
  MessengerEvent,
  Reachability,
  SendOutcomeKind,
  Touch,
} from '@ctm/attribution';
import type { EntityManager } from 'typeorm';

export type PendingDelivery = { id: string; body: Buffer; receivedAt: Date };
export type PageActivity = { workspaceId: string; pageId: string; hour: Date; events: number; lastReceivedAt: Date };
export type PersonRef = { workspaceId: string; pageId: string; personKey: string };
export type PersonConversion = { id: string; time: number; value: number | null; currency: string | null };

/** A person within a workspace: a contact is one person on one page. */
export type PersonKey = { pageId: string; personKey: string };

/** A map key for a person of one workspace. */
export function personId(p: PersonKey): string {
  return `${p.pageId}\u0000${p.personKey}`;
}
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

  /** When the oldest delivery still waiting to be processed was received; undefined when none waits. */
  async oldestPendingAt(m: EntityManager): Promise<Date | undefined> {
    const [row] = await m.query(
      `SELECT received_at FROM webhook_delivery WHERE status = 'pending' ORDER BY id LIMIT 1`,
    );
    return row?.received_at;
  }

  /** Marks deliveries processed, each with how many events it carried. */
  /**
   * Webhook arrivals per page and hour (of receipt), for the silent-webhook alert. Rows are taken
   * in key order, last in the batch's transaction, so processors side by side cannot deadlock on them.
   */
  async recordActivity(m: EntityManager, activity: PageActivity[]): Promise<void> {
    if (activity.length === 0) return;
    const rows = [...activity].sort((a, b) =>
      `${a.workspaceId}/${a.pageId}/${a.hour.toISOString()}` < `${b.workspaceId}/${b.pageId}/${b.hour.toISOString()}`
        ? -1
        : 1,
    );
    await m.query(
      `INSERT INTO page_activity AS p (workspace_id, page_id, hour, events, last_received_at)
       SELECT a."workspaceId", a."pageId", a.hour, a.events, a."lastReceivedAt"
       FROM jsonb_to_recordset($1::jsonb) AS a("workspaceId" uuid, "pageId" text, hour timestamptz, events int,
         "lastReceivedAt" timestamptz)
       ON CONFLICT (workspace_id, page_id, hour) DO UPDATE SET events = p.events + EXCLUDED.events,
         last_received_at = greatest(p.last_received_at, EXCLUDED.last_received_at)`,
      [JSON.stringify(rows)],
    );
  }

  /** Activity older than the alerts look back (30 days) goes. */
  async pruneActivity(m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM page_activity WHERE hour < now() - interval '30 days'`);
  }

  async markProcessed(m: EntityManager, processed: { id: string; events: number }[]): Promise<void> {
    if (processed.length === 0) return;
    await m.query(
      `UPDATE webhook_delivery d SET status = 'processed', events = p.events, processed_at = now()
       FROM unnest($1::bigint[], $2::int[]) AS p(id, events) WHERE d.id = p.id`,
      [processed.map((p) => p.id), processed.map((p) => p.events)],
    );
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
    // the guest's contact is derived again with the batch (no events left: removed, its figures with it)
  }

  /**
   * Serialises the derivations of these people (one workspace) until the transaction ends, locking
   * them in key order so two transactions never wait on each other in a cycle. Taken after the events
   * are stored and before they are read back: of two deliveries for one person processed side by
   * side, the second to lock then reads the first's committed events, so neither overwrites the
   * contact with half the story.
   */
  async lockPeople(m: EntityManager, workspaceId: string, people: PersonKey[]): Promise<void> {
    const keys = people.map((p) => `contact:${workspaceId}:${p.pageId}:${p.personKey}`).sort();
    // the subquery's order is the order the locks are taken in
    await m.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
       FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k OFFSET 0) AS ordered`,
      [keys],
    );
  }

  /** The contact-shaping events of each person, and which of them only the backfill saw. */
  async contactEvents(
    m: EntityManager,
    workspaceId: string,
    people: PersonKey[],
  ): Promise<Map<string, { events: MessengerEvent[]; backfilled: Set<string> }>> {
    const rows: { page_id: string; person_key: string; event: MessengerEvent; backfilled: boolean }[] = await m.query(
      `SELECT e.page_id, e.person_key, e.event, e.delivery_id IS NULL AS backfilled
       FROM unnest($2::text[], $3::text[]) AS p(page_id, person_key)
       JOIN messenger_event e ON e.workspace_id = $1 AND e.page_id = p.page_id AND e.person_key = p.person_key
       WHERE e.kind = ANY($4)`,
      [workspaceId, people.map((p) => p.pageId), people.map((p) => p.personKey), CONTACT_KINDS],
    );
    const byPerson = new Map(
      people.map((p) => [personId(p), { events: [] as MessengerEvent[], backfilled: new Set<string>() }]),
    );
    for (const row of rows) {
      const entry = byPerson.get(personId({ pageId: row.page_id, personKey: row.person_key }))!;
      entry.events.push(row.event);
      if (row.backfilled) entry.backfilled.add(row.event.id);
    }
    return byPerson;
  }

  /** Writes contacts and replaces their touches with the freshly derived ones. */
  async saveContacts(
    m: EntityManager,
    workspaceId: string,
    contacts: {
      person: PersonKey;
      summary: ContactSummary;
      reachability: Reachability;
      firstConversionAt: number | null;
    }[],
  ): Promise<void> {
    if (contacts.length === 0) return;
    const rows = contacts.map(({ person, summary, reachability, firstConversionAt }) => ({
      pageId: person.pageId,
      personKey: person.personKey,
      psid: summary.psid ?? null,
      userRefs: summary.userRefs,
      firstSeenAt: summary.firstSeenAt,
      firstTouchEvent: summary.firstTouch.eventId,
      firstSource: summary.firstTouch.source,
      firstRef: summary.firstTouch.ref ?? null,
      firstAdId: summary.firstTouch.adId ?? null,
      inboundMessages: summary.inboundMessages,
      lastInboundAt: summary.lastInboundAt ?? null,
      reachability: reachability.state,
      unreachableAt: reachability.state === 'unreachable' ? reachability.since : null,
      firstResponseAt: summary.firstResponseAt ?? null,
      firstConversionAt,
    }));
    await m.query(
      `INSERT INTO contact (workspace_id, page_id, person_key, psid, user_refs, first_seen_at, first_touch_event,
         first_source, first_ref, first_ad_id, inbound_messages, last_inbound_at, reachability, unreachable_at, first_response_at,
         first_conversion_at, updated_at)
       SELECT $1, c."pageId", c."personKey", c.psid, ARRAY(SELECT jsonb_array_elements_text(c."userRefs")),
         to_timestamp(c."firstSeenAt" / 1000.0), c."firstTouchEvent", c."firstSource", c."firstRef", c."firstAdId",
         c."inboundMessages", to_timestamp(c."lastInboundAt" / 1000.0), c.reachability,
         to_timestamp(c."unreachableAt" / 1000.0), to_timestamp(c."firstResponseAt" / 1000.0),
         to_timestamp(c."firstConversionAt" / 1000.0), now()
       FROM jsonb_to_recordset($2::jsonb) AS c("pageId" text, "personKey" text, psid text, "userRefs" jsonb,
         "firstSeenAt" float8, "firstTouchEvent" text, "firstSource" text, "firstRef" text, "firstAdId" text,
         "inboundMessages" int, "lastInboundAt" float8, reachability text, "unreachableAt" float8, "firstResponseAt" float8,
         "firstConversionAt" float8)
       ON CONFLICT (workspace_id, page_id, person_key) DO UPDATE SET psid = EXCLUDED.psid, user_refs = EXCLUDED.user_refs,
         first_seen_at = EXCLUDED.first_seen_at, first_touch_event = EXCLUDED.first_touch_event,
         first_source = EXCLUDED.first_source, first_ref = EXCLUDED.first_ref, first_ad_id = EXCLUDED.first_ad_id,
         inbound_messages = EXCLUDED.inbound_messages, last_inbound_at = EXCLUDED.last_inbound_at,
         reachability = EXCLUDED.reachability, unreachable_at = EXCLUDED.unreachable_at,
         first_response_at = EXCLUDED.first_response_at, first_conversion_at = EXCLUDED.first_conversion_at,
         updated_at = now()`,
      [workspaceId, JSON.stringify(rows)],
    );
    await this.deleteTouches(
      m,
      workspaceId,
      contacts.map((c) => c.person),
    );
    const touches = contacts.flatMap(({ person, summary }) =>
      summary.touches.map((t) => ({ ...t, pageId: person.pageId, personKey: person.personKey })),
    );
    await m.query(
      `INSERT INTO contact_touch (workspace_id, event_id, page_id, person_key, source, time, ref, ad_id, ad_title, referer_uri, opens_thread)
       SELECT $1, t."eventId", t."pageId", t."personKey", t.source, to_timestamp(t.time / 1000.0), t.ref, t."adId", t."adTitle", t."refererUri", t."opensThread"
       FROM jsonb_to_recordset($2::jsonb) AS t("eventId" text, "pageId" text, "personKey" text, source text, time float8,
         ref text, "adId" text, "adTitle" text, "refererUri" text, "opensThread" boolean)`,
      [workspaceId, JSON.stringify(touches)],
    );
  }

  private async deleteTouches(m: EntityManager, workspaceId: string, people: PersonKey[]): Promise<void> {
    await m.query(
      `DELETE FROM contact_touch t USING unnest($2::text[], $3::text[]) AS p(page_id, person_key)
       WHERE t.workspace_id = $1 AND t.page_id = p.page_id AND t.person_key = p.person_key`,
      [workspaceId, people.map((p) => p.pageId), people.map((p) => p.personKey)],
    );
  }

  /** The workspace's attribution model (first or last touch) and window. */
  async attributionModel(m: EntityManager, workspaceId: string): Promise<AttributionModel> {
    const [row] = await m.query(`SELECT attribution_model, attribution_window_days FROM workspace WHERE id = $1`, [
      workspaceId,
    ]);
    return { kind: row.attribution_model, windowMs: row.attribution_window_days * 86_400_000 };
  }

  /** The conversions of these people, by person. */
  async conversionsOf(
    m: EntityManager,
    workspaceId: string,
    people: PersonKey[],
  ): Promise<Map<string, PersonConversion[]>> {
    const rows: {
      id: string;
      ms: string;
      value: number | null;
      currency: string | null;
      page_id: string;
      person_key: string;
    }[] = await m.query(
      `SELECT c.id, extract(epoch FROM c.time) * 1000 AS ms, c.value::float8 AS value, c.currency, c.page_id, c.person_key
       FROM unnest($2::text[], $3::text[]) AS p(page_id, person_key)
       JOIN conversion c ON c.workspace_id = $1 AND c.page_id = p.page_id AND c.person_key = p.person_key
       ORDER BY c.id`,
      [workspaceId, people.map((p) => p.pageId), people.map((p) => p.personKey)],
    );
    const byPerson = new Map<string, PersonConversion[]>();
    for (const r of rows) {
      const key = personId({ pageId: r.page_id, personKey: r.person_key });
      const conversion = { id: r.id, time: Number(r.ms), value: r.value, currency: r.currency };
      byPerson.set(key, [...(byPerson.get(key) ?? []), conversion]);
    }
    return byPerson;
  }

  /** What the Send API answered when the page messaged these people, by person. */
  async sendOutcomesOf(
    m: EntityManager,
    workspaceId: string,
    people: PersonKey[],
  ): Promise<Map<string, { time: number; kind: SendOutcomeKind }[]>> {
    const rows: { ms: string; outcome: SendOutcomeKind; page_id: string; person_key: string }[] = await m.query(
      `SELECT extract(epoch FROM o.time) * 1000 AS ms, o.outcome, o.page_id, o.person_key
       FROM unnest($2::text[], $3::text[]) AS p(page_id, person_key)
       JOIN send_outcome o ON o.workspace_id = $1 AND o.page_id = p.page_id AND o.person_key = p.person_key`,
      [workspaceId, people.map((p) => p.pageId), people.map((p) => p.personKey)],
    );
    const byPerson = new Map<string, { time: number; kind: SendOutcomeKind }[]>();
    for (const r of rows) {
      const key = personId({ pageId: r.page_id, personKey: r.person_key });
      byPerson.set(key, [...(byPerson.get(key) ?? []), { time: Number(r.ms), kind: r.outcome }]);
    }
    return byPerson;
  }

  /** The workspace's time zone: the days of its observed figures. */
  async timeZone(m: EntityManager, workspaceId: string): Promise<string> {
    const [row] = await m.query(`SELECT time_zone FROM workspace WHERE id = $1`, [workspaceId]);
    return row.time_zone;
  }

  /** What each person currently contributes to the daily rollups. */
  async contributionsOf(m: EntityManager, workspaceId: string, people: PersonKey[]): Promise<Map<string, RollupRow[]>> {
    const rows: { page_id: string; person_key: string; rows: RollupRow[] }[] = await m.query(
      `SELECT c.page_id, c.person_key, c.rows
       FROM unnest($2::text[], $3::text[]) AS p(page_id, person_key)
       JOIN contact_contribution c ON c.workspace_id = $1 AND c.page_id = p.page_id AND c.person_key = p.person_key`,
      [workspaceId, people.map((p) => p.pageId), people.map((p) => p.personKey)],
    );
    return new Map(rows.map((r) => [personId({ pageId: r.page_id, personKey: r.person_key }), r.rows]));
  }

  async saveContributions(
    m: EntityManager,
    workspaceId: string,
    contributions: { person: PersonKey; rows: RollupRow[] }[],
  ): Promise<void> {
    if (contributions.length === 0) return;
    await m.query(
      `INSERT INTO contact_contribution (workspace_id, page_id, person_key, rows)
       SELECT $1, c."pageId", c."personKey", c.rows FROM jsonb_to_recordset($2::jsonb) AS c("pageId" text, "personKey" text, rows jsonb)
       ON CONFLICT (workspace_id, page_id, person_key) DO UPDATE SET rows = EXCLUDED.rows`,
      [
        workspaceId,
        JSON.stringify(
          contributions.map((c) => ({ pageId: c.person.pageId, personKey: c.person.personKey, rows: c.rows })),
        ),
      ],
    );
  }

  /**
   * Adds deltas to the daily rollups, in key order (so transactions side by side lock rollup rows
   * in one sequence), summing deltas of one key first.
   */
  async addToRollup(m: EntityManager, workspaceId: string, deltas: RollupRow[]): Promise<void> {
    if (deltas.length === 0) return;
    await m.query(
      `INSERT INTO observed_daily AS o (workspace_id, day, page_id, source, ad_id, ref, currency, new_contacts,
         replied_new_contacts, converted_new_contacts, unreachable_new_contacts, reengaged_contacts, conversions, revenue)
       SELECT $1, d.day::date, d."pageId", d.source, d."adId", d.ref, d.currency, sum(d."newContacts"),
         sum(d."repliedNewContacts"), sum(d."convertedNewContacts"), sum(d."unreachableNewContacts"),
         sum(d."reengagedContacts"), sum(d.conversions), sum(d.revenue)
       FROM jsonb_to_recordset($2::jsonb) AS d(day text, "pageId" text, source text, "adId" text, ref text, currency text,
         "newContacts" int, "repliedNewContacts" int, "convertedNewContacts" int, "unreachableNewContacts" int,
         "reengagedContacts" int, conversions int, revenue numeric)
       GROUP BY d.day, d."pageId", d.source, d."adId", d.ref, d.currency
       ORDER BY d.day, d."pageId", d.source, d."adId", d.ref, d.currency
       ON CONFLICT (workspace_id, day, page_id, source, ad_id, ref, currency) DO UPDATE SET
         new_contacts = o.new_contacts + EXCLUDED.new_contacts,
         replied_new_contacts = o.replied_new_contacts + EXCLUDED.replied_new_contacts,
         converted_new_contacts = o.converted_new_contacts + EXCLUDED.converted_new_contacts,
         unreachable_new_contacts = o.unreachable_new_contacts + EXCLUDED.unreachable_new_contacts,
         reengaged_contacts = o.reengaged_contacts + EXCLUDED.reengaged_contacts,
         conversions = o.conversions + EXCLUDED.conversions,
         revenue = o.revenue + EXCLUDED.revenue`,
      [workspaceId, JSON.stringify(deltas)],
    );
  }

  /** Sets (or clears) the touch each conversion is credited to. */
  async creditConversions(m: EntityManager, credits: { id: string; touch: Touch | undefined }[]): Promise<void> {
    if (credits.length === 0) return;
    await m.query(
      `UPDATE conversion c SET credited_event_id = v."eventId", credited_source = v.source,
         credited_ad_id = v."adId", credited_ref = v.ref
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, "eventId" text, source text, "adId" text, ref text)
       WHERE c.id = v.id`,
      [
        JSON.stringify(
          credits.map(({ id, touch }) => ({
            id,
            eventId: touch?.eventId ?? null,
            source: touch?.source ?? null,
            adId: touch?.adId ?? null,
            ref: touch?.ref ?? null,
          })),
        ),
      ],
    );
  }

  /** Removes the contacts of people none of whose events shape a contact any more. */
  async deleteContacts(m: EntityManager, workspaceId: string, people: PersonKey[]): Promise<void> {
    if (people.length === 0) return;
    await m.query(
      `DELETE FROM contact c USING unnest($2::text[], $3::text[]) AS p(page_id, person_key)
       WHERE c.workspace_id = $1 AND c.page_id = p.page_id AND c.person_key = p.person_key`,
      [workspaceId, people.map((p) => p.pageId), people.map((p) => p.personKey)],
    );
  }

  async conversionRules(m: EntityManager, workspaceId: string): Promise<ConversionRuleRow[]> {
    return (await m.query(
      `SELECT id, name, kind, pattern, value::text AS value, currency FROM conversion_rule WHERE workspace_id = $1
       ORDER BY created_at, id`,
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
