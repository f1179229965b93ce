import { createHmac } from 'node:crypto';
import { fixtureBody } from '@ctm/attribution/fixtures';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPage } from '../../src/messenger/messenger-pages.bootstrap.js';
import { QuarantineService } from '../../src/messenger/quarantine.service.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'quarantine-secret';
const CONNECTED = '104857600000001';
const LATE = '104857600000002';

describe.each(databaseKinds)('the webhook quarantine on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let app: RunningApp['app'];
  let base: string;
  let sql: DataSource;
  const count = async (query: string, params: unknown[] = []) => Number((await sql.query(query, params))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: CONNECTED });
    ({ app, baseUrl: base, sql } = running);
    const body = JSON.stringify(fixtureBody('batch-multi-entry'));
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${base}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(res.status).toBe(200);
    await processAllWebhooks(running);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('keeps the events of an unconnected page out of every workspace, and shows them to admins', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM messenger_event WHERE page_id = $1`, [LATE])).toBe(0);
    const summary = (await (await running.api('/api/admin/webhook-quarantine')).json()) as {
      pageId: string;
      reason: string;
      items: number;
    }[];
    expect(summary).toContainEqual(expect.objectContaining({ pageId: LATE, reason: 'page_not_connected' }));
  });

  it('hands them to the workspace when the page gets connected', async () => {
    const waiting = await count(`SELECT count(*)::int AS n FROM webhook_quarantine WHERE page_id = $1`, [LATE]);
    expect(waiting).toBeGreaterThan(0);
    const [{ id }] = await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    await connectPage(sql, id, { pageId: LATE });
    expect(await app.get(QuarantineService).releasePage(LATE)).toBe(waiting);
    expect(
      await count(`SELECT count(*)::int AS n FROM messenger_event WHERE page_id = $1 AND workspace_id = $2`, [
        LATE,
        id,
      ]),
    ).toBe(waiting);
    expect(await count(`SELECT count(*)::int AS n FROM webhook_quarantine WHERE page_id = $1`, [LATE])).toBe(0);
  });

  it('drops what waited more than 7 days, and nothing younger', async () => {
    const [{ id: deliveryId }] = await sql.query(`SELECT id FROM webhook_delivery LIMIT 1`);
    await sql.query(
      `INSERT INTO webhook_quarantine (delivery_id, page_id, reason, item, received_at) VALUES
         ($1, '999', 'page_not_connected', '{}', now() - interval '8 days'), ($1, '999', 'page_not_connected', '{}', now() - interval '6 days')`,
      [deliveryId],
    );
    expect(await app.get(QuarantineService).purgeExpired()).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM webhook_quarantine WHERE page_id = '999'`)).toBe(1);
  });
});
