import type { EntityManager } from 'typeorm';

/**
 * Each contact's rows of the daily rollups (libs/metrics contributions), set-based from contacts,
 * touches and credited conversions: the opening touch files the new contact, every later touch a
 * re-engagement, every conversion of a known contact its count and revenue. Days are in the
 * workspace's time zone. One row per person and rollup key.
 */
const CONTACT_ROWS = `
  WITH tz AS (SELECT time_zone AS z FROM workspace WHERE id = $1),
  facts AS (
    SELECT c.page_id, c.person_key, (c.first_seen_at AT TIME ZONE tz.z)::date AS day, c.first_source AS source,
      coalesce(c.first_ad_id, '') AS ad_id, coalesce(c.first_ref, '') AS ref, '' AS currency,
      1 AS new_contacts, (c.inbound_messages >= 2)::int AS replied,
      (EXISTS (SELECT 1 FROM conversion v WHERE v.workspace_id = c.workspace_id AND v.page_id = c.page_id
        AND v.person_key = c.person_key))::int AS converted,
      (c.reachability = 'unreachable')::int AS unreachable, 0 AS reengaged, 0 AS conversions, 0::numeric AS revenue
    FROM contact c, tz WHERE c.workspace_id = $1
    UNION ALL
    SELECT t.page_id, t.person_key, (t.time AT TIME ZONE tz.z)::date, t.source, coalesce(t.ad_id, ''),
      coalesce(t.ref, ''), '', 0, 0, 0, 0, 1, 0, 0
    FROM contact_touch t, tz WHERE t.workspace_id = $1 AND NOT t.opens_thread
    UNION ALL
    SELECT v.page_id, v.person_key, (v.time AT TIME ZONE tz.z)::date, coalesce(v.credited_source, 'UNCREDITED'),
      coalesce(v.credited_ad_id, ''), coalesce(v.credited_ref, ''),
      CASE WHEN v.value IS NOT NULL AND v.currency <> '' THEN v.currency ELSE '' END, 0, 0, 0, 0, 0, 1,
      CASE WHEN v.value IS NOT NULL AND v.currency <> '' THEN v.value ELSE 0 END
    FROM conversion v
    JOIN contact k ON k.workspace_id = v.workspace_id AND k.page_id = v.page_id AND k.person_key = v.person_key, tz
    WHERE v.workspace_id = $1
  )
  SELECT page_id, person_key, day, source, ad_id, ref, currency, sum(new_contacts)::int AS new_contacts,
    sum(replied)::int AS replied, sum(converted)::int AS converted, sum(unreachable)::int AS unreachable,
    sum(reengaged)::int AS reengaged, sum(conversions)::int AS conversions, sum(revenue) AS revenue
  FROM facts GROUP BY page_id, person_key, day, source, ad_id, ref, currency`;

/**
 * Rebuilds a workspace's daily rollups of observed figures, and each contact's stored contribution,
 * from its contacts, touches and conversions in a few set-based statements: what ContactBuilder
 * keeps up to date one contact at a time, for a whole workspace at once (millions of contacts in
 * minutes, where deriving each again would take hours). Runs in the caller's transaction, which
 * it must be given: the work table lives on its connection. Live processing waits meanwhile.
 */
export async function rebuildObservedRollups(m: EntityManager, workspaceId: string): Promise<{ rows: number }> {
  // processing that derives a contact meanwhile waits, then applies its change on top of the rebuilt rows
  await m.query(`LOCK TABLE observed_daily, contact_contribution IN EXCLUSIVE MODE`);
  await m.query(`DELETE FROM observed_daily WHERE workspace_id = $1`, [workspaceId]);
  await m.query(`DELETE FROM contact_contribution WHERE workspace_id = $1`, [workspaceId]);
  await m.query(`DROP TABLE IF EXISTS rebuilt_contact_rows`);
  await m.query(`CREATE TEMPORARY TABLE rebuilt_contact_rows AS ${CONTACT_ROWS}`, [workspaceId]);
  await m.query(
    `INSERT INTO contact_contribution (workspace_id, page_id, person_key, rows)
     SELECT $1, page_id, person_key, jsonb_agg(jsonb_build_object('day', day::text, 'pageId', page_id,
       'source', source, 'adId', ad_id, 'ref', ref, 'currency', currency, 'newContacts', new_contacts,
       'repliedNewContacts', replied, 'convertedNewContacts', converted, 'unreachableNewContacts', unreachable,
       'reengagedContacts', reengaged, 'conversions', conversions, 'revenue', revenue)
       ORDER BY day, source, ad_id, ref, currency)
     FROM rebuilt_contact_rows GROUP BY page_id, person_key`,
    [workspaceId],
  );
  const inserted: { n: number }[] = await m.query(
    `WITH added AS (
       INSERT INTO observed_daily (workspace_id, day, page_id, source, ad_id, ref, currency, new_contacts,
         replied_new_contacts, converted_new_contacts, unreachable_new_contacts, reengaged_contacts, conversions, revenue)
       SELECT $1, day, page_id, source, ad_id, ref, currency, sum(new_contacts), sum(replied), sum(converted),
         sum(unreachable), sum(reengaged), sum(conversions), sum(revenue)
       FROM rebuilt_contact_rows GROUP BY day, page_id, source, ad_id, ref, currency
       RETURNING 1
     ) SELECT count(*)::int AS n FROM added`,
    [workspaceId],
  );
  await m.query(`DROP TABLE rebuilt_contact_rows`);
  return { rows: inserted[0]?.n ?? 0 };
}
