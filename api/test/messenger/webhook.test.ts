import { createHmac } from 'node:crypto';
import { deliveryFixtures } from '@ctm/attribution/fixtures';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, processAllWebhooks, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'test-app-secret-123';
const VERIFY = 'verify-token-456';
const PAGE = '104857600000001';

const sign = (body: string | Buffer) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe.each(databaseKinds)('the Messenger webhook on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let app: RunningApp['app'];
  let base: string;
  let sql: DataSource;
  const count = async (table: string) => Number((await sql.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const settle = () => processAllWebhooks(running);
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_VERIFY_TOKEN: VERIFY, META_PAGE_IDS: PAGE });
    ({ app, baseUrl: base, sql } = running);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers the subscribe handshake with the challenge, and 403 to a wrong token', async () => {
    const ok = await fetch(
      `${base}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${base}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
  });

  it.each([
    ['no signature', {}, 403],
    ['a wrong signature', { 'x-hub-signature-256': sign('something else') }, 403],
    ['a malformed signature header', { 'x-hub-signature-256': 'sha1=abc' }, 403],
  ])('refuses a delivery with %s and stores nothing', async (_what, headers, status) => {
    const before = await count('webhook_delivery');
    const res = await post(JSON.stringify(deliveryFixtures[0]!.body), headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toMatch(/X-Hub-Signature-256/);
    expect(await count('webhook_delivery')).toBe(before);
  });

  it('refuses a truncated body (its signature no longer matches) and a signed body that is not JSON', async () => {
    const before = await count('webhook_delivery');
    const full = JSON.stringify(deliveryFixtures[0]!.body);
    expect((await post(full.slice(0, -10), { 'x-hub-signature-256': sign(full) })).status).toBe(403);
    const notJson = '{"object":"page","entry":[';
    const res = await post(notJson, { 'x-hub-signature-256': sign(notJson) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe('The body is not JSON.');
    expect(await count('webhook_delivery')).toBe(before);
  });

  it('acknowledges every payload form of META.md only once it is stored, and processes each event once', async () => {
    const before = await count('webhook_delivery');
    for (const fixture of deliveryFixtures) {
      const body = JSON.stringify(fixture.body);
      const res = await post(body, { 'x-hub-signature-256': sign(body) });
      expect(res.status, fixture.name).toBe(200);
      expect(await res.text()).toBe('EVENT_RECEIVED');
    }
    expect(await count('webhook_delivery')).toBe(before + deliveryFixtures.length);
    await settle();
    const failed = await sql.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status <> 'processed'`);
    expect(failed[0].n).toBe(0);

    // sending everything again changes no event, contact or touch: identities deduplicate
    const snapshot = async () => [await count('messenger_event'), await count('contact'), await count('contact_touch')];
    const first = await snapshot();
    expect(first[0]).toBeGreaterThan(20);
    for (const fixture of deliveryFixtures) {
      const body = JSON.stringify(fixture.body);
      await post(body, { 'x-hub-signature-256': sign(body) });
    }
    await settle();
    expect(await snapshot()).toEqual(first);
  });

  it('keeps events of a page no workspace connected in the quarantine, and unknown shapes too', async () => {
    const quarantined: { reason: string; page_id: string | null }[] = await sql.query(
      `SELECT DISTINCT reason, page_id FROM webhook_quarantine ORDER BY reason, page_id`,
    );
    expect(quarantined).toContainEqual({ reason: 'page_not_connected', page_id: '104857600000002' });
    expect(quarantined.some((q) => q.reason === 'unknown_shape')).toBe(true);
    const leaked = await sql.query(`SELECT count(*)::int AS n FROM messenger_event WHERE page_id = '104857600000002'`);
    expect(leaked[0].n).toBe(0);
  });

  it('acknowledges and keeps a signed delivery of a shape it does not know', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [] }] });
    const res = await post(body, { 'x-hub-signature-256': sign(body) });
    expect(res.status).toBe(200);
    await settle();
    const rows = await sql.query(`SELECT status FROM webhook_delivery ORDER BY id DESC LIMIT 1`);
    expect(rows[0].status).toBe('processed');
  });
});
