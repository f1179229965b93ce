import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const PAGE = '104857600000001';
const good = {
  page: PAGE,
  psid: '7312345678901234',
  event: 'purchase',
  value: 49.9,
  currency: 'EUR',
  idempotencyKey: 'order-1001',
};

describe.each(databaseKinds)('POST /api/conversions on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let base: string;
  let sql: DataSource;
  const post = async (body: unknown) => {
    const res = await fetch(`${base}/api/conversions`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...running.authHeaders },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_PAGE_IDS: PAGE });
    ({ baseUrl: base, sql } = running);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('records a conversion once, however often it is retried', async () => {
    const first = await post(good);
    expect(first).toMatchObject({ status: 201, body: { duplicate: false, contactKnown: false } });
    const again = await post({ ...good, value: 1 });
    expect(again).toMatchObject({ status: 200, body: { id: first.body['id'], duplicate: true } });
    const rows = await sql.query(`SELECT value::text, currency, person_key, origin FROM conversion`);
    expect(rows).toEqual([{ value: '49.90', currency: 'EUR', person_key: good.psid, origin: 'api' }]);
  });

  it.each([
    [{ ...good, page: undefined }, 400, /^page: is required/],
    [{ ...good, page: 'my-page' }, 400, /^page: must be a numeric page id/],
    [{ ...good, psid: undefined }, 400, /^psid: psid or externalId is required/],
    [{ ...good, currency: undefined }, 400, /^currency: value and currency go together/],
    [{ ...good, currency: 'euro' }, 400, /^currency: must be an ISO 4217 code/],
    [{ ...good, value: -5 }, 400, /^value: must not be negative/],
    [{ ...good, time: 'yesterday' }, 400, /^time: must be an ISO 8601 time/],
    [{ ...good, time: '2099-01-01T00:00:00Z' }, 400, /^time: is in the future/],
    [{ ...good, idempotencyKey: undefined }, 400, /^idempotencyKey: is required/],
    [{ ...good, coupon: 'X' }, 400, /coupon/],
    [{ ...good, page: '999', idempotencyKey: 'k2' }, 404, /^page: 999 is not a connected page of this workspace\.$/],
  ])('refuses %o with %i and a sentence naming the parameter', async (body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(String(res.body['message'])).toMatch(message);
  });

  it("accepts a conversion known only by the shop's own id", async () => {
    const res = await post({ page: PAGE, externalId: 'crm-77', event: 'lead', idempotencyKey: 'lead-77' });
    expect(res).toMatchObject({ status: 201, body: { contactKnown: false } });
  });
});
