import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHeaders, processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'ref-links-secret';
const PAGE = '104857600000007';
const HOUR = 3_600_000;
const at = (day: string, hour = 12) => Date.parse(`${day}T00:00:00Z`) + hour * HOUR;

type Row = {
  source: string;
  ref: string;
  metrics: Record<string, { value: number | null; previous: number | null; change: number | null }>;
  revenue: { currency: string; value: number; previous: number | null }[];
  significance: { conversionRate: { pValue: number; significant: boolean } | null } | null;
  trend: { day: string; newContacts: number; conversions: number }[];
};

describe.each(databaseKinds)('GET /api/ref-links on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let n = 0;
  const deliver = async (items: unknown[]) => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: Date.now(), messaging: items }] });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${running.baseUrl}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(res.status).toBe(200);
  };
  /** A person opening the thread from an m.me link, writing `messages` times, buying when told. */
  const person = (ref: string, time: number, { messages = 1, buys = false } = {}) => {
    const psid = String(7312345600001000 + n++);
    const who = { sender: { id: psid }, recipient: { id: PAGE } };
    return {
      psid,
      items: [
        {
          ...who,
          timestamp: time,
          postback: {
            title: 'Get Started',
            payload: 'GET_STARTED',
            referral: { ref, source: 'SHORTLINK', type: 'OPEN_THREAD' },
          },
        },
        ...Array.from({ length: messages }, (_, i) => ({
          ...who,
          timestamp: time + (i + 1) * 60_000,
          message: { mid: `m_${psid}_${i}`, text: 'hello' },
        })),
        ...(buys ? [{ ...who, timestamp: time + HOUR, postback: { title: 'Buy now', payload: 'PURCHASE' } }] : []),
      ],
    };
  };
  const get = async (query: string, headers = running.authHeaders) => {
    const res = await fetch(`${running.baseUrl}/api/ref-links?${query}`, { headers });
    return { status: res.status, body: (await res.json()) as { rows: Row[]; message?: string; timeZone?: string } };
  };

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
    // October: 2 spring contacts, 1 converts. November: 4 spring contacts (3 convert, 1 blocks), 1 poster contact.
    const people = [
      person('spring', at('2026-10-10')),
      person('spring', at('2026-10-11'), { buys: true }),
      person('spring', at('2026-11-02'), { messages: 2, buys: true }),
      person('spring', at('2026-11-02'), { buys: true }),
      person('spring', at('2026-11-05'), { buys: true }),
      person('spring', at('2026-11-06')),
      person('poster_qr', at('2026-11-03')),
    ];
    await deliver(people.flatMap((p) => p.items));
    await processAllWebhooks(running);
    const blocked = people[5]!;
    const outcome = await running.api('/api/send-outcomes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        page: PAGE,
        psid: blocked.psid,
        time: new Date(at('2026-11-08')).toISOString(),
        error: { code: 551, error_subcode: 1545041 },
        idempotencyKey: 'block-1',
      }),
    });
    expect(outcome.status).toBe(201);
    const order = await running.api('/api/conversions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        page: PAGE,
        psid: people[2]!.psid,
        event: 'order',
        value: 59.5,
        currency: 'EUR',
        time: new Date(at('2026-11-04')).toISOString(),
        idempotencyKey: 'order-1',
      }),
    });
    expect(order.status).toBe(201);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('gives a row per ref with contacts, conversions, blocks, their rates and a daily trend', async () => {
    const { status, body } = await get('from=2026-11-01&to=2026-11-30');
    expect(status).toBe(200);
    expect(body.timeZone).toBe('UTC');
    expect(body.rows.map((r) => r.ref)).toEqual(['spring', 'poster_qr']);
    const spring = body.rows[0]!;
    const value = (id: string) => spring.metrics[id]?.value;
    expect(value('newContacts')).toBe(4);
    expect(value('replyRate')).toBe(1 / 4);
    expect(value('conversions')).toBe(4); // three "Buy now" postbacks and one reported order
    expect(value('conversionRate')).toBe(3 / 4);
    expect(value('blocks')).toBe(1);
    expect(value('blockRate')).toBe(1 / 4);
    expect(spring.revenue).toEqual([{ currency: 'EUR', value: 59.5, previous: null }]);
    expect(spring.trend).toHaveLength(30);
    expect(spring.trend.find((d) => d.day === '2026-11-02')).toEqual({
      day: '2026-11-02',
      newContacts: 2,
      conversions: 2,
    });
    expect(spring.significance).toBeNull();
  });

  it('compares with the previous period and says whether the conversion rate moved for real', async () => {
    const { body } = await get('from=2026-11-01&to=2026-11-30&compare=2026-10-01,2026-10-31');
    const spring = body.rows.find((r) => r.ref === 'spring')!;
    expect(spring.metrics['newContacts']).toMatchObject({ value: 4, previous: 2, change: 2 });
    expect(spring.metrics['conversionRate']).toMatchObject({ value: 0.75, previous: 0.5 });
    expect(spring.significance?.conversionRate?.significant).toBe(false);
    expect(spring.revenue).toEqual([{ currency: 'EUR', value: 59.5, previous: 0 }]);
    const poster = body.rows.find((r) => r.ref === 'poster_qr')!;
    expect(poster.metrics['newContacts']).toMatchObject({ value: 1, previous: 0 });
  });

  it('sorts by any metric', async () => {
    const { body } = await get('from=2026-11-01&to=2026-11-30&sort=blockRate&order=asc');
    expect(body.rows.map((r) => r.ref)).toEqual(['poster_qr', 'spring']);
  });

  it.each([
    ['to=2026-11-30', /^from: is required/],
    ['from=2026-11-31&to=2026-12-01', /^from: must be a calendar day/],
    ['from=2026-11-30&to=2026-11-01', /^from: is after to/],
    ['from=2024-01-01&to=2026-01-01', /^to: makes a range over 366 days/],
    ['from=2026-11-01&to=2026-11-30&compare=lastmonth', /^compare: must be previous, year/],
    ['from=2026-11-01&to=2026-11-30&sort=bounceRate', /^sort: must be the id of a metric/],
    ['from=2026-11-01&to=2026-11-30&page=my-page', /^page: must be a numeric page id/],
    ['from=2026-11-01&to=2026-11-30&campaign_id=1', /campaign_id/],
  ])('refuses %s with 400 and a sentence naming the parameter', async (query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });

  it("shows another workspace none of this workspace's refs", async () => {
    const other = await memberHeaders(running.app, { workspace: 'other-client', role: 'viewer' });
    const { status, body } = await get('from=2026-11-01&to=2026-11-30', other);
    expect(status).toBe(200);
    expect(body.rows).toEqual([]);
  });
});
