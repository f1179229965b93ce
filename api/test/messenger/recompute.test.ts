import { createWorld, startWebhookSender } from '@ctm/meta-sim';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttributionRecompute } from '../../src/messenger/attribution-recompute.service.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'recompute-secret-1';
const world = createWorld({ seed: 9, size: 'tiny', endDate: '2026-11-20' });

describe.each(databaseKinds)('recomputing attribution from the log on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let app: RunningApp['app'];
  let sql: DataSource;
  let workspaceId: string;

  const snapshot = async () => ({
    contacts: await sql.query(
      `SELECT page_id, person_key, first_source, first_ref, first_ad_id, first_seen_at, inbound_messages FROM contact ORDER BY 1, 2`,
    ),
    touches: await sql.query(`SELECT event_id, source, ref, ad_id, opens_thread FROM contact_touch ORDER BY 1`),
    conversions: await sql.query(
      `SELECT idempotency_key, event_name, person_key, credited_event_id FROM conversion ORDER BY 1`,
    ),
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, {
      META_APP_SECRET: SECRET,
      META_VERIFY_TOKEN: 'recompute-verify',
      META_PAGE_IDS: world.pages.map((p) => p.id).join(','),
    });
    ({ app, sql } = running);
    [{ id: workspaceId }] = await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    await sql.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'purchase', 'payload', 'PURCHASE')`,
      [workspaceId],
    );
    const url = `${running.baseUrl}/webhooks/messenger`;
    const sender = startWebhookSender(world, {
      url,
      appSecret: SECRET,
      clock: 'fast',
      duplicateRate: 0.2,
      shuffleWindow: 20,
      seed: 3,
    });
    await sender.run();
    await processAllWebhooks(running);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('gives the same contacts, touches and conversions as live processing did', async () => {
    const live = await snapshot();
    expect(live.contacts.length).toBeGreaterThan(20);
    expect(live.conversions.length).toBeGreaterThan(0);
    const result = await app.get(AttributionRecompute).recomputeWorkspace(workspaceId);
    expect(result).toEqual({ contacts: live.contacts.length, ruleConversions: live.conversions.length });
    expect(await snapshot()).toEqual(live);
  });

  it('applies a new rule to the whole history', async () => {
    await sql.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'lead', 'payload', 'LEAD')`,
      [workspaceId],
    );
    const before = (await snapshot()).conversions.length;
    const { ruleConversions } = await app.get(AttributionRecompute).recomputeWorkspace(workspaceId);
    expect(ruleConversions).toBeGreaterThan(before);
    const leads = await sql.query(`SELECT count(*)::int AS n FROM conversion WHERE event_name = 'lead'`);
    expect(leads[0].n).toBe(ruleConversions - before);
  });
});
