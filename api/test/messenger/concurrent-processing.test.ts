import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookProcessor } from '../../src/messenger/webhook.processor.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const PAGE = '104857600000009';
const PEOPLE = 60;
const T0 = Date.parse('2025-06-01T12:00:00Z');

const body = (messaging: unknown[]) =>
  Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: T0, messaging }] }));
const referral = (psid: string, i: number) => ({
  sender: { id: psid },
  recipient: { id: PAGE },
  timestamp: T0 + i,
  postback: { title: 'Get Started', payload: 'GET_STARTED', referral: { ref: `link_${i}`, source: 'SHORTLINK' } },
});
const message = (psid: string, i: number) => ({
  sender: { id: psid },
  recipient: { id: PAGE },
  timestamp: T0 + i + 1_000,
  message: { mid: `m_${i}`, text: 'hello' },
});

// a person's referral and first message in different deliveries, each sent twice, processed by several drains
describe.each(databaseKinds)('webhook processors side by side on %s', (kind) => {
  let db: TestDatabase;
  let app: RunningApp['app'];
  let sql: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ({ app, sql } = await startTestApp(db.url, { META_APP_SECRET: 'concurrency-secret', META_PAGE_IDS: PAGE }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('never deadlock, and no contact loses the referral a concurrent delivery stored', async () => {
    const psids = Array.from({ length: PEOPLE }, (_, i) => String(7_000_000_000_000_000 + i));
    const firsts = psids.map((p, i) => body([referral(p, i), message(psids[(i + 1) % PEOPLE]!, i + 1)]));
    const seconds = psids.map((p, i) => body([message(p, i), referral(psids[(i + 1) % PEOPLE]!, i + 1)]));
    const all = [...firsts, ...seconds.reverse(), ...seconds, ...firsts.reverse()];
    for (const delivery of all) await sql.query(`INSERT INTO webhook_delivery (body) VALUES ($1)`, [delivery]);

    const processor = app.get(WebhookProcessor);
    await Promise.all([processor.drain(), processor.drain(), processor.drain(), processor.drain()]);

    const deliveries = await sql.query(`SELECT status, attempts FROM webhook_delivery`);
    expect(
      deliveries.filter((d: { status: string; attempts: number }) => d.status !== 'processed' || d.attempts > 0),
    ).toEqual([]);
    const contacts: { person_key: string; first_source: string; first_ref: string }[] = await sql.query(
      `SELECT person_key, first_source, first_ref FROM contact ORDER BY person_key`,
    );
    expect(contacts).toEqual(
      psids.map((p, i) => ({ person_key: p, first_source: 'SHORTLINK', first_ref: `link_${i}` })),
    );
  });
});
