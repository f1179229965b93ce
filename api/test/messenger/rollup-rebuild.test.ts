import { createWorld, startWebhookSender } from '@ctm/meta-sim';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildObservedRollups } from '../../src/messenger/rollup-rebuild.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'rebuild-secret';
const VERIFY = 'rebuild-verify';
const world = createWorld({ seed: 11, size: 'small', endDate: '2025-06-30' });
const window = { from: Date.parse('2025-06-22T00:00:00Z'), to: Date.parse('2025-06-26T00:00:00Z') };

const ROLLUP = `
  SELECT day::text, page_id, source, ad_id, ref, currency, new_contacts, replied_new_contacts,
    converted_new_contacts, unreachable_new_contacts, reengaged_contacts, conversions, revenue::text AS revenue
  FROM observed_daily
  WHERE workspace_id = $1 AND (new_contacts, replied_new_contacts, converted_new_contacts, unreachable_new_contacts,
    reengaged_contacts, conversions, revenue) <> (0, 0, 0, 0, 0, 0, 0)
  ORDER BY 1, 2, 3, 4, 5, 6`;

type Contribution = { page_id: string; person_key: string; rows: Record<string, string | number>[] };

/** Each contact's stored rows, in one order, revenue as a number, so both paths' JSON compare equal. */
async function contributions(sql: DataSource, workspaceId: string) {
  const stored: Contribution[] = await sql.query(
    `SELECT page_id, person_key, rows FROM contact_contribution WHERE workspace_id = $1 ORDER BY page_id, person_key`,
    [workspaceId],
  );
  const key = (r: Record<string, string | number>) => [r.day, r.source, r.adId, r.ref, r.currency].join('\u0000');
  return stored.map((c) => ({
    person: `${c.page_id}/${c.person_key}`,
    rows: c.rows.map((r) => ({ ...r, revenue: Number(r.revenue) })).sort((a, b) => (key(a) < key(b) ? -1 : 1)),
  }));
}

describe.each(databaseKinds)('the set-based rebuild of the daily rollups on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let sql: DataSource;
  let workspaceId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, {
      META_APP_SECRET: SECRET,
      META_VERIFY_TOKEN: VERIFY,
      META_PAGE_IDS: world.pages.map((p) => p.id).join(','),
    });
    sql = running.sql;
    [{ workspace_id: workspaceId }] = await sql.query(`SELECT DISTINCT workspace_id FROM messenger_page`);
    await sql.query(`UPDATE workspace SET time_zone = 'Asia/Tokyo' WHERE id = $1`, [workspaceId]);
    await sql.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'purchase', 'payload', 'PURCHASE'),
         ($1, 'lead', 'payload', 'LEAD')`,
      [workspaceId],
    );
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('gives exactly the rollups and contributions the incremental path keeps', async () => {
    const sender = startWebhookSender(world, {
      url: `${running.baseUrl}/webhooks/messenger`,
      appSecret: SECRET,
      verifyToken: VERIFY,
      clock: 'fast',
      ...window,
      tickMs: 30 * 60_000,
      duplicateRate: 0.1,
      shuffleWindow: 50,
      seed: 4,
    });
    expect((await sender.run()).failures).toBe(0);
    await processAllWebhooks(running);
    const people: { page_id: string; person_key: string }[] = await sql.query(
      `SELECT page_id, person_key FROM contact WHERE person_key NOT LIKE 'uref:%' ORDER BY person_key LIMIT 30`,
    );
    expect(people.length).toBe(30);
    // orders with and without a value, in two currencies, before and after the window; and 551 answers
    for (const [i, c] of people.entries()) {
      const time = new Date(window.to - (i % 5 === 0 ? 20 : 1) * (i + 1) * 3_600_000).toISOString();
      const order = { page: c.page_id, psid: c.person_key, event: 'order', time, idempotencyKey: `o-${i}` };
      const body = i % 2 ? { ...order, value: 10.5 + i, currency: i % 4 === 1 ? 'EUR' : 'USD' } : order;
      const res = await running.api('/api/conversions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      if (i % 4 === 0) {
        const answer = await running.api('/api/send-outcomes', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            page: c.page_id,
            psid: c.person_key,
            time,
            error: { code: 551 },
            idempotencyKey: `s-${i}`,
          }),
        });
        expect(answer.status).toBe(201);
      }
    }
    const incremental = { rollup: await sql.query(ROLLUP, [workspaceId]), rows: await contributions(sql, workspaceId) };
    expect(incremental.rollup.length).toBeGreaterThan(40);
    const sources = new Set(incremental.rollup.map((r: { source: string }) => r.source));
    expect([...sources]).toEqual(expect.arrayContaining(['ADS', 'SHORTLINK', 'ORGANIC']));
    expect(incremental.rollup.some((r: { revenue: string }) => Number(r.revenue) > 0)).toBe(true);
    expect(incremental.rollup.some((r: { unreachable_new_contacts: number }) => r.unreachable_new_contacts > 0)).toBe(
      true,
    );
    expect(incremental.rollup.some((r: { reengaged_contacts: number }) => r.reengaged_contacts > 0)).toBe(true);

    const { rows } = await sql.transaction((m) => rebuildObservedRollups(m, workspaceId));
    expect(rows).toBe(incremental.rollup.length);
    expect(await sql.query(ROLLUP, [workspaceId])).toEqual(incremental.rollup);
    expect(await contributions(sql, workspaceId)).toEqual(incremental.rows);
  }, 180_000);

  it('leaves other workspaces alone and can run twice', async () => {
    const [{ id: other }] = await sql.query(
      `INSERT INTO workspace (slug, name) VALUES ('other-shop', 'Other shop') RETURNING id`,
    );
    await sql.query(
      `INSERT INTO observed_daily (workspace_id, day, page_id, source, new_contacts) VALUES ($1, '2025-06-01', '1', 'ADS', 7)`,
      [other],
    );
    const before = await sql.query(ROLLUP, [workspaceId]);
    await sql.transaction((m) => rebuildObservedRollups(m, workspaceId));
    expect(await sql.query(ROLLUP, [workspaceId])).toEqual(before);
    expect(await sql.query(ROLLUP, [other])).toHaveLength(1);
  });
});
