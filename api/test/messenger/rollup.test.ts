import { createWorld, startWebhookSender } from '@ctm/meta-sim';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttributionRecompute } from '../../src/messenger/attribution-recompute.service.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'rollup-secret';
const VERIFY = 'rollup-verify';
const world = createWorld({ seed: 5, size: 'small', endDate: '2025-06-30' });
const window = { from: Date.parse('2025-06-20T00:00:00Z'), to: Date.parse('2025-06-27T00:00:00Z') };

/** The daily observed figures recomputed from contacts, touches and conversions: an independent path. */
const RECOMPUTED = `
  WITH tz AS (SELECT time_zone AS z FROM workspace WHERE id = $1),
  known AS (SELECT page_id, person_key FROM contact WHERE workspace_id = $1),
  rows AS (
    SELECT (c.first_seen_at AT TIME ZONE tz.z)::date AS day, c.page_id, c.first_source AS source,
      coalesce(c.first_ad_id, '') AS ad_id, coalesce(c.first_ref, '') AS ref, '' AS currency,
      1 AS new_contacts, (c.inbound_messages >= 2)::int AS replied, (EXISTS (SELECT 1 FROM conversion v
        WHERE v.workspace_id = c.workspace_id AND v.page_id = c.page_id AND v.person_key = c.person_key))::int AS converted,
      (c.reachability = 'unreachable')::int AS unreachable, 0 AS reengaged, 0 AS conversions, 0::numeric AS revenue
    FROM contact c, tz WHERE c.workspace_id = $1
    UNION ALL
    SELECT (t.time AT TIME ZONE tz.z)::date, t.page_id, t.source, coalesce(t.ad_id, ''), coalesce(t.ref, ''), '',
      0, 0, 0, 0, 1, 0, 0
    FROM contact_touch t, tz WHERE t.workspace_id = $1 AND NOT t.opens_thread
    UNION ALL
    SELECT (v.time AT TIME ZONE tz.z)::date, v.page_id, coalesce(v.credited_source, 'UNCREDITED'),
      coalesce(v.credited_ad_id, ''), coalesce(v.credited_ref, ''),
      CASE WHEN v.value IS NOT NULL AND v.currency IS NOT NULL THEN v.currency ELSE '' END,
      0, 0, 0, 0, 0, 1, CASE WHEN v.currency IS NOT NULL THEN coalesce(v.value, 0) ELSE 0 END
    FROM conversion v JOIN known k USING (page_id, person_key), tz WHERE v.workspace_id = $1
  )
  SELECT day::text, page_id, source, ad_id, ref, currency, sum(new_contacts)::int AS new_contacts,
    sum(replied)::int AS replied, sum(converted)::int AS converted, sum(unreachable)::int AS unreachable,
    sum(reengaged)::int AS reengaged, sum(conversions)::int AS conversions, sum(revenue)::numeric(18,2)::text AS revenue
  FROM rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`;

const ROLLUP = `
  SELECT day::text, page_id, source, ad_id, ref, currency, new_contacts, replied_new_contacts AS replied,
    converted_new_contacts AS converted, unreachable_new_contacts AS unreachable, reengaged_contacts AS reengaged,
    conversions, revenue::text AS revenue
  FROM observed_daily
  WHERE workspace_id = $1 AND (new_contacts, replied_new_contacts, converted_new_contacts, unreachable_new_contacts,
    reengaged_contacts, conversions, revenue) <> (0, 0, 0, 0, 0, 0, 0)
  ORDER BY 1, 2, 3, 4, 5, 6`;

describe.each(databaseKinds)('daily rollups of observed figures on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let sql: DataSource;
  let workspaceId: string;
  const recomputed = () => sql.query(RECOMPUTED, [workspaceId]);
  const rollup = () => sql.query(ROLLUP, [workspaceId]);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, {
      META_APP_SECRET: SECRET,
      META_VERIFY_TOKEN: VERIFY,
      META_PAGE_IDS: world.pages.map((p) => p.id).join(','),
    });
    sql = running.sql;
    [{ workspace_id: workspaceId }] = await sql.query(`SELECT DISTINCT workspace_id FROM messenger_page`);
    // days in a zone away from UTC, and a rule so conversions exist
    await sql.query(`UPDATE workspace SET time_zone = 'America/New_York' WHERE id = $1`, [workspaceId]);
    await sql.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'purchase', 'payload', 'PURCHASE')`,
      [workspaceId],
    );
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('equal a recomputation from contacts after a week of shuffled, duplicated webhooks and later reports', async () => {
    const sender = startWebhookSender(world, {
      url: `${running.baseUrl}/webhooks/messenger`,
      appSecret: SECRET,
      verifyToken: VERIFY,
      clock: 'fast',
      ...window,
      tickMs: 30 * 60_000,
      duplicateRate: 0.2,
      shuffleWindow: 100,
      seed: 3,
    });
    expect((await sender.run()).failures).toBe(0);
    await processAllWebhooks(running);
    const contacts: { page_id: string; person_key: string }[] = await sql.query(
      `SELECT page_id, person_key FROM contact WHERE person_key NOT LIKE 'uref:%' ORDER BY person_key LIMIT 40`,
    );
    expect(contacts.length).toBe(40);
    // the business reports orders with a value and a few Send API answers, for known and unknown people
    for (const [i, c] of contacts.entries()) {
      const time = new Date(window.to - (i + 1) * 3_600_000).toISOString();
      const order = { page: c.page_id, psid: c.person_key, event: 'order', time, idempotencyKey: `o-${i}` };
      const res = await running.api('/api/conversions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(i % 2 ? { ...order, value: 20 + i, currency: i % 4 === 1 ? 'EUR' : 'USD' } : order),
      });
      expect(res.status).toBe(201);
      if (i % 3 === 0) {
        const answer = await running.api('/api/send-outcomes', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            page: c.page_id,
            psid: c.person_key,
            time,
            error: { code: 551, error_subcode: 1545041 },
            idempotencyKey: `s-${i}`,
          }),
        });
        expect(answer.status).toBe(201);
      }
    }
    const expected = await recomputed();
    expect(expected.length).toBeGreaterThan(50);
    expect(await rollup()).toEqual(expected);
    const [{ n }] = await sql.query(`SELECT sum(new_contacts)::int AS n FROM observed_daily WHERE workspace_id = $1`, [
      workspaceId,
    ]);
    const [{ c }] = await sql.query(`SELECT count(*)::int AS c FROM contact WHERE workspace_id = $1`, [workspaceId]);
    expect(n).toBe(c);
  }, 180_000);

  it('stay equal after the attribution model changes and everything is recomputed', async () => {
    await sql.query(
      `UPDATE workspace SET attribution_model = 'last_touch', attribution_window_days = 1 WHERE id = $1`,
      [workspaceId],
    );
    await running.app.get(AttributionRecompute).recomputeWorkspace(workspaceId);
    const credits = await sql.query(
      `SELECT count(*)::int AS n FROM conversion WHERE workspace_id = $1 AND credited_source IS NULL`,
      [workspaceId],
    );
    expect(credits[0].n).toBeGreaterThan(0);
    expect(await rollup()).toEqual(await recomputed());
  }, 120_000);

  it('file figures by the workspace’s calendar day', async () => {
    const [{ days }] = await sql.query(
      `SELECT count(DISTINCT day)::int AS days FROM observed_daily WHERE workspace_id = $1 AND new_contacts > 0`,
      [workspaceId],
    );
    // a week of UTC days seen from New York spans one more calendar day
    expect(days).toBe(8);
  });
});
