import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttributionRecompute } from '../../src/messenger/attribution-recompute.service.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'credit-secret-123';
const PAGE = '104857600000003';
const PSID = '7312345600000001';
const T = Date.parse('2026-11-02T10:00:00Z');
const DAY = 86_400_000;

const delivery = (item: Record<string, unknown>) =>
  JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: item['timestamp'], messaging: [item] }] });
const person = { sender: { id: PSID }, recipient: { id: PAGE } };
const STORY = [
  // opened from an m.me link, re-engaged two days later by an ad, bought the day after
  {
    ...person,
    timestamp: T,
    postback: {
      title: 'Get Started',
      payload: 'GET_STARTED',
      referral: { ref: 'spring_sale', source: 'SHORTLINK', type: 'OPEN_THREAD' },
    },
  },
  { ...person, timestamp: T + 2 * DAY, referral: { ad_id: '23850000000000001', source: 'ADS', type: 'OPEN_THREAD' } },
  { ...person, timestamp: T + 3 * DAY, postback: { title: 'Buy now', payload: 'PURCHASE' } },
];

describe.each(databaseKinds)('crediting conversions on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let sql: DataSource;
  let workspaceId: string;
  const credits = async () =>
    (await sql.query(
      `SELECT origin, credited_source, credited_ref, credited_ad_id FROM conversion ORDER BY origin`,
    )) as {
      origin: string;
      credited_source: string | null;
    }[];
  const remodel = async (model: string, days: number) => {
    await sql.query(`UPDATE workspace SET attribution_model = $2, attribution_window_days = $3 WHERE id = $1`, [
      workspaceId,
      model,
      days,
    ]);
    await running.app.get(AttributionRecompute).recomputeWorkspace(workspaceId);
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    sql = running.sql;
    [{ id: workspaceId }] = await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    await sql.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'purchase', 'payload', 'PURCHASE')`,
      [workspaceId],
    );
    for (const item of STORY) {
      const body = delivery(item);
      const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      await fetch(`${running.baseUrl}/webhooks/messenger`, {
        method: 'POST',
        body,
        headers: { 'x-hub-signature-256': signature },
      });
    }
    await processAllWebhooks(running);
    const shop = {
      page: PAGE,
      psid: PSID,
      event: 'order',
      value: 30,
      currency: 'EUR',
      time: new Date(T + 3 * DAY).toISOString(),
      idempotencyKey: 'o-1',
    };
    const res = await fetch(`${running.baseUrl}/api/conversions`, {
      method: 'POST',
      body: JSON.stringify(shop),
      headers: { 'content-type': 'application/json', ...running.authHeaders },
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('credits the touch that opened the thread by default (first touch, 7 days)', async () => {
    expect(await credits()).toEqual([
      { origin: 'api', credited_source: 'SHORTLINK', credited_ref: 'spring_sale', credited_ad_id: null },
      { origin: 'rule', credited_source: 'SHORTLINK', credited_ref: 'spring_sale', credited_ad_id: null },
    ]);
  });

  it('credits the last touch when the workspace says so', async () => {
    await remodel('last_touch', 7);
    expect((await credits()).map((c) => c.credited_source)).toEqual(['ADS', 'ADS']);
  });

  it('credits nothing outside the window', async () => {
    await remodel('first_touch', 2);
    expect((await credits()).map((c) => c.credited_source)).toEqual([null, null]);
  });
});
