import { RESPONSE_BUCKETS } from '@ctm/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_BUCKET_BOUNDS } from '../../src/database/migrations/1764849600000-first-response.js';
import { AttributionRecompute } from '../../src/messenger/attribution-recompute.service.js';
import { deliverMessaging, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'first-response-secret';
const PAGE = '104857600000041';
const T = Date.parse('2026-11-10T09:00:00Z');

type Figure = { value: number | null };

it("keeps the migration's bucket bounds equal to libs/metrics'", () => {
  expect([...RESPONSE_BUCKET_BOUNDS, Infinity]).toEqual(RESPONSE_BUCKETS.map((b) => b.upTo));
});

describe.each(databaseKinds)("the page's first-response time on %s", (kind) => {
  let db: TestDatabase;
  let running: RunningApp;

  const deliver = (messaging: unknown[]) => deliverMessaging(running, { secret: SECRET, page: PAGE, messaging });
  const psid = (i: number) => String(7312345600041000 + i);
  const hello = (i: number, at: number, ref?: string) => ({
    sender: { id: psid(i) },
    recipient: { id: PAGE },
    timestamp: at,
    message: {
      mid: `m_${i}`,
      text: 'Hello',
      ...(ref ? { referral: { ref, source: 'SHORTLINK', type: 'OPEN_THREAD' } } : {}),
    },
  });
  const reply = (i: number, at: number) => ({
    sender: { id: PAGE },
    recipient: { id: psid(i) },
    timestamp: at,
    message: { mid: `r_${i}_${at}`, text: 'Hi! How can we help?', is_echo: true },
  });
  const recomputed = () =>
    running.sql.query(
      `SELECT day::text, page_id, source, ref, bucket, contacts FROM response_daily WHERE contacts <> 0
       ORDER BY day, source, ref, bucket`,
    );
  const fromContacts = () =>
    running.sql.query(
      `SELECT (c.first_seen_at AT TIME ZONE w.time_zone)::date::text AS day, c.page_id, c.first_source AS source,
         coalesce(c.first_ref, '') AS ref, b.bucket, count(*)::int AS contacts
       FROM contact c JOIN workspace w ON w.id = c.workspace_id,
         LATERAL (SELECT count(*)::smallint AS bucket FROM unnest($1::float8[]) AS u(bound)
                  WHERE extract(epoch FROM (c.first_response_at - c.first_seen_at)) >= u.bound) b
       WHERE c.first_response_at IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3, 4, 5`,
      [RESPONSE_BUCKET_BOUNDS],
    );
  const overview = async () => {
    const res = await running.api('/api/overview?from=2026-11-10&to=2026-11-10');
    expect(res.status).toBe(200);
    return ((await res.json()) as { observed: Record<string, Figure> }).observed['medianFirstResponse']!.value;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    // four people from an m.me link answered after 30 s, 2 min, 3 min 20 s and 66 min; one organic, not answered
    await deliver([
      hello(1, T, 'spring'),
      reply(1, T + 30_000),
      hello(2, T + 1000, 'spring'),
      reply(2, T + 121_000),
      hello(3, T + 2000, 'spring'),
      reply(3, T + 202_000),
      hello(4, T + 3000, 'spring'),
      reply(4, T + 3000 + 3_960_000),
      hello(5, T + 4000),
    ]);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it("keeps each contact's first response, and a histogram equal to one recomputed from contacts", async () => {
    const [row] = await running.sql.query(`SELECT first_response_at FROM contact WHERE person_key = $1`, [psid(2)]);
    expect(row.first_response_at).toEqual(new Date(T + 121_000));
    expect(await recomputed()).toEqual(await fromContacts());
    expect((await recomputed()).map((r: { bucket: number; contacts: number }) => [r.bucket, r.contacts])).toEqual([
      [0, 1],
      [1, 2],
      [5, 1],
    ]);
  });

  it('serves the median read from the histogram, in the overview and per ref', async () => {
    // 4 answered: 1 within a minute, 2 within 1–5 minutes, 1 within 1–2 hours: the 2nd is halfway into 1–5 minutes
    expect(await overview()).toBe(180_000);
    const refs = await running.api('/api/ref-links?from=2026-11-10&to=2026-11-10');
    const rows = ((await refs.json()) as { rows: { ref: string; metrics: Record<string, Figure> }[] }).rows;
    expect(rows.find((r) => r.ref === 'spring')?.metrics['medianFirstResponse']?.value).toBe(180_000);
  });

  it('moves a contact between buckets when a reply arrives late or out of order, and survives a recompute', async () => {
    // the organic person's answer arrives now, and an earlier answer to person 4 surfaces late
    await deliver([reply(5, T + 4000 + 10_000), reply(4, T + 3000 + 45_000)]);
    expect(await recomputed()).toEqual(await fromContacts());
    // now 5 answered: 3 within a minute, 2 within 1–5 minutes: the 2.5th is 5/6 of the way through the first minute
    expect(await overview()).toBeCloseTo((2.5 / 3) * 60_000, 6);
    const [{ id }] = await running.sql.query(`SELECT id FROM workspace WHERE slug = 'default'`);
    const before = await recomputed();
    await running.app.get(AttributionRecompute).recomputeWorkspace(id);
    expect(await recomputed()).toEqual(before);
  });

  it('says it is not a time series yet, instead of a series of nulls', async () => {
    const res = await running.api('/api/timeseries?metric=medianFirstResponse&from=2026-11-10&to=2026-11-10');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^metric: medianFirstResponse is not served as a time series yet/,
    );
  });
});
