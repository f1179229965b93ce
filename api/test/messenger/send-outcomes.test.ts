import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttributionRecompute } from '../../src/messenger/attribution-recompute.service.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'send-outcome-secret';
const PAGE = '104857600000004';
const KNOWN = '7312345600000010';
const LATER = '7312345600000011';
const T = Date.parse('2026-11-02T10:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const UNAVAILABLE = { code: 551, error_subcode: 1545041, message: "(#551) This person isn't available right now." };
const OUTSIDE = { code: 10, error_subcode: 2018278, message: '(#10) This message is sent outside of allowed window.' };

describe.each(databaseKinds)('POST /api/send-outcomes on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let sql: DataSource;
  const post = async (body: unknown) => {
    const res = await running.api('/api/send-outcomes', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const message = async (psid: string, at: number, text: string) => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: at,
          messaging: [
            { sender: { id: psid }, recipient: { id: PAGE }, timestamp: at, message: { mid: `m_${psid}_${at}`, text } },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${running.baseUrl}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(res.status).toBe(200);
    await processAllWebhooks(running);
  };
  const reachability = async (psid: string) =>
    (
      await sql.query(`SELECT reachability, unreachable_at FROM contact WHERE page_id = $1 AND person_key = $2`, [
        PAGE,
        psid,
      ])
    )[0] as { reachability: string; unreachable_at: Date | null } | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    sql = running.sql;
    await message(KNOWN, T, 'Hello');
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('keeps "outside the window" apart from "unreachable", and a 551 marks the contact unreachable', async () => {
    expect(await reachability(KNOWN)).toEqual({ reachability: 'reachable', unreachable_at: null });
    const outside = await post({
      page: PAGE,
      psid: KNOWN,
      time: iso(T + 30 * HOUR),
      error: OUTSIDE,
      idempotencyKey: 's-1',
    });
    expect(outside).toMatchObject({ status: 201, body: { outcome: 'outside_window', contactKnown: true } });
    expect(await reachability(KNOWN)).toMatchObject({ reachability: 'reachable' });

    const unreachable = await post({
      page: PAGE,
      psid: KNOWN,
      time: iso(T + 31 * HOUR),
      error: UNAVAILABLE,
      idempotencyKey: 's-2',
    });
    expect(unreachable).toMatchObject({ status: 201, body: { outcome: 'unreachable', duplicate: false } });
    expect(await reachability(KNOWN)).toEqual({
      reachability: 'unreachable',
      unreachable_at: new Date(T + 31 * HOUR),
    });

    // a retry of the same report changes nothing
    const again = await post({
      page: PAGE,
      psid: KNOWN,
      time: iso(T + 40 * HOUR),
      error: UNAVAILABLE,
      idempotencyKey: 's-2',
    });
    expect(again).toMatchObject({ status: 200, body: { id: unreachable.body['id'], duplicate: true } });
    expect(await sql.query(`SELECT count(*)::int AS n FROM send_outcome`)).toEqual([{ n: 2 }]);
    expect(await reachability(KNOWN)).toEqual({
      reachability: 'unreachable',
      unreachable_at: new Date(T + 31 * HOUR),
    });
  });

  it('makes a contact reachable again when they write after a 551 (they unblocked the page)', async () => {
    await message(KNOWN, T + 50 * HOUR, 'Back again');
    expect(await reachability(KNOWN)).toEqual({ reachability: 'reachable', unreachable_at: null });
  });

  it('keeps the answer for a PSID not seen yet and applies it when the person appears', async () => {
    const early = await post({
      page: PAGE,
      psid: LATER,
      time: iso(T + 2 * HOUR),
      error: UNAVAILABLE,
      idempotencyKey: 's-3',
    });
    expect(early).toMatchObject({ status: 201, body: { outcome: 'unreachable', contactKnown: false } });
    await message(LATER, T + HOUR, 'Hi there');
    expect(await reachability(LATER)).toEqual({
      reachability: 'unreachable',
      unreachable_at: new Date(T + 2 * HOUR),
    });
  });

  it('gives the same reachability when attribution is recomputed from the stored log', async () => {
    const before = await sql.query(`SELECT person_key, reachability, unreachable_at FROM contact ORDER BY person_key`);
    const [{ id }] = await sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    await running.app.get(AttributionRecompute).recomputeWorkspace(id);
    expect(await sql.query(`SELECT person_key, reachability, unreachable_at FROM contact ORDER BY person_key`)).toEqual(
      before,
    );
  });

  it.each([
    [{ psid: KNOWN, error: null, idempotencyKey: 'x' }, 400, /^page: is required/],
    [{ page: PAGE, error: null, idempotencyKey: 'x' }, 400, /^psid: is required/],
    [{ page: PAGE, psid: 'abc', error: null, idempotencyKey: 'x' }, 400, /^psid: must be a numeric page-scoped id/],
    [{ page: PAGE, psid: KNOWN, idempotencyKey: 'x' }, 400, /^error: is required: Graph's error object/],
    [{ page: PAGE, psid: KNOWN, error: { message: 'x' }, idempotencyKey: 'x' }, 400, /^error\.code: is required/],
    [{ page: PAGE, psid: KNOWN, error: null }, 400, /^idempotencyKey: is required/],
    [{ page: PAGE, psid: KNOWN, error: null, idempotencyKey: 'x', time: 'now' }, 400, /^time: must be an ISO 8601/],
    [
      { page: '999', psid: KNOWN, error: null, idempotencyKey: 'x' },
      404,
      /^page: 999 is not a connected page of this workspace\.$/,
    ],
  ])('refuses %o with %i and a sentence naming the parameter', async (body, status, text) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(String(res.body['message'])).toMatch(text);
  });
});
