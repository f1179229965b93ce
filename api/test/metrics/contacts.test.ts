import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHeaders, processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'contacts-secret';
const PAGE = '104857600000010';
const T = Date.parse('2026-11-10T09:00:00Z');
const HOUR = 3_600_000;

type Row = { id: string; psid: string; source: string; ref: string | null; conversions: number; reachability: string };
type List = { rows: Row[]; nextCursor: string | null; message?: string };

describe.each(databaseKinds)('GET /api/contacts on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  const psid = (i: number) => String(7312345600003000 + i);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    const [{ workspace_id }] = await running.sql.query(`SELECT workspace_id FROM messenger_page WHERE page_id = $1`, [
      PAGE,
    ]);
    await running.sql.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'purchase', 'payload', 'PURCHASE')`,
      [workspace_id],
    );
    // 7 people an hour apart: even ones from the m.me link "spring", odd ones organic; person 2 buys
    const items = Array.from({ length: 7 }, (_, i) => {
      const who = { sender: { id: psid(i) }, recipient: { id: PAGE } };
      const time = T + i * HOUR;
      return [
        i % 2 === 0
          ? {
              ...who,
              timestamp: time,
              postback: {
                title: 'Start',
                payload: 'GET_STARTED',
                referral: { ref: 'spring', source: 'SHORTLINK', type: 'OPEN_THREAD' },
              },
            }
          : { ...who, timestamp: time, message: { mid: `m_c_${i}`, text: 'Hello' } },
        ...(i === 2 ? [{ ...who, timestamp: time + 60_000, postback: { title: 'Buy now', payload: 'PURCHASE' } }] : []),
      ];
    }).flat();
    const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: T, messaging: items }] });
    const res = await fetch(`${running.baseUrl}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
    });
    expect(res.status).toBe(200);
    await processAllWebhooks(running);
    const answer = await running.api('/api/send-outcomes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        page: PAGE,
        psid: psid(4),
        error: { code: 551 },
        idempotencyKey: 'b-4',
        time: new Date(T + 10 * HOUR).toISOString(),
      }),
    });
    expect(answer.status).toBe(201);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  const list = async (query: string, headers = running.authHeaders) => {
    const res = await fetch(`${running.baseUrl}/api/contacts?${query}`, { headers });
    return { status: res.status, body: (await res.json()) as List };
  };

  it('pages through every contact newest first, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...body.rows.map((r) => r.psid));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map(psid));
  });

  it('filters by opening touch, conversion and reachability', async () => {
    expect((await list('source=SHORTLINK&ref=spring')).body.rows.map((r) => r.psid)).toEqual([6, 4, 2, 0].map(psid));
    expect((await list('converted=true')).body.rows.map((r) => r.psid)).toEqual([psid(2)]);
    expect((await list('reachability=unreachable')).body.rows.map((r) => r.psid)).toEqual([psid(4)]);
    expect((await list('from=2026-11-11&to=2026-11-30')).body.rows).toEqual([]);
  });

  it("shows one contact's timeline", async () => {
    const buyer = (await list('converted=true')).body.rows[0]!;
    const res = await running.api(`/api/contacts/${buyer.id}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as Record<string, unknown>;
    expect(detail).toMatchObject({
      psid: psid(2),
      source: 'SHORTLINK',
      ref: 'spring',
      conversions: 1,
      touches: [{ source: 'SHORTLINK', ref: 'spring', opensThread: true }],
      conversionsList: [{ event: 'purchase', creditedSource: 'SHORTLINK' }],
    });
    const blocked = (await list('reachability=unreachable')).body.rows[0]!;
    const b = (await (await running.api(`/api/contacts/${blocked.id}`)).json()) as Record<string, unknown>;
    expect(b).toMatchObject({
      reachability: 'unreachable',
      sendOutcomes: [{ outcome: 'unreachable', errorCode: 551 }],
    });
  });

  it("is 404 for another workspace's contact or an id this API did not give", async () => {
    const any = (await list('limit=1')).body.rows[0]!;
    const other = await memberHeaders(running.app, { workspace: 'contacts-other', role: 'owner' });
    const foreign = await fetch(`${running.baseUrl}/api/contacts/${any.id}`, { headers: other });
    expect(foreign.status).toBe(404);
    expect((await list('limit=5', other)).body.rows).toEqual([]);
    const bogus = await running.api('/api/contacts/not-an-id');
    expect(bogus.status).toBe(404);
    expect(((await bogus.json()) as { message: string }).message).toBe(
      'id: not-an-id is not a contact of this workspace.',
    );
  });

  it.each([
    ['limit=0', /^limit: must be at least 1/],
    ['limit=500', /^limit: must be at most 200/],
    ['converted=yes', /^converted: must be true or false/],
    ['reachability=blocked', /^reachability: must be unknown, reachable or unreachable/],
    ['from=2026-11-30&to=2026-11-01', /^from: is after to/],
    ['cursor=abc', /^cursor: is not a cursor this API gave/],
    ['name=ann', /name/],
  ])('refuses %s with 400 and a sentence naming the parameter', async (query, message) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });
});
