import { createWorld, startGraphServer, startWebhookSender } from '@ctm/meta-sim';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithTruth, formatAccuracy, type Observed } from '../support/ground-truth.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'ground-truth-secret';
const VERIFY = 'ground-truth-verify';
const DAY = 86_400_000;
const world = createWorld({ seed: 7, size: 'small', endDate: '2025-06-30' });
// the world's last 30 days; it began two weeks earlier, so some threads opened before the month
const month = { from: Date.parse('2025-06-01T00:00:00Z'), to: Date.parse('2025-06-01T00:00:00Z') + 30 * DAY };
// the world's conversion buttons (meta-sim render.ts): "Buy now" and "Get a quote"
const RULES = [
  { name: 'purchase', pattern: 'PURCHASE' },
  { name: 'lead', pattern: 'LEAD' },
];

// A month of webhooks is the suite's longest test: it runs once, on the PostgreSQL server when there
// is one (else the embedded database). The processing is the same SQL on both, which every other
// messenger test runs on each; the golden-figures test plays a whole world on both.
const kinds = databaseKinds.includes('postgres') ? (['postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('a simulated month of webhooks on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let app: RunningApp['app'];
  let sql: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, {
      META_APP_SECRET: SECRET,
      META_VERIFY_TOKEN: VERIFY,
      META_PAGE_IDS: world.pages.map((p) => p.id).join(','),
    });
    ({ app, sql } = running);
    const [{ workspace_id }] = await sql.query(`SELECT DISTINCT workspace_id FROM messenger_page`);
    for (const rule of RULES)
      await sql.query(
        `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, $2, 'payload', $3)`,
        [workspace_id, rule.name, rule.pattern],
      );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('ends with the contacts, touches and conversions of the world, whatever the duplicates and order', async () => {
    const base = running.baseUrl;
    const sender = startWebhookSender(world, {
      url: `${base}/webhooks/messenger`,
      appSecret: SECRET,
      verifyToken: VERIFY,
      clock: 'fast',
      ...month,
      // half an hour of world time per POST, shuffled 100 POSTs at a time: a person's events days out of order
      tickMs: 30 * 60_000,
      duplicateRate: 0.2,
      shuffleWindow: 100,
      seed: 11,
    });
    expect((await sender.handshake()).ok).toBe(true);
    const stats = await sender.run();
    expect(stats.failures).toBe(0);
    expect(stats.duplicates).toBeGreaterThan(0.15 * stats.deliveries);
    await settle();
    await messageEveryContact(month.to);

    const accuracy = compareWithTruth(world.truth(), await observed(), month);
    console.log(
      `${kind}: ${stats.events} events in ${stats.deliveries} POSTs (+${stats.duplicates} duplicates)\n${formatAccuracy(accuracy)}`,
    );
    expect(accuracy.mismatches.slice(0, 20)).toEqual([]);
    for (const score of Object.values(accuracy.scores)) expect(score.matched).toBe(score.knowable);
    expect(accuracy.scores.contacts.knowable).toBeGreaterThan(1000);
  }, 180_000);

  /** Processes until no delivery is pending (the background processor may hold some for a moment). */
  async function settle(): Promise<void> {
    await processAllWebhooks(running);
    const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status <> 'processed'`);
    expect(n).toBe(0);
  }

  /**
   * What a business's bot does: message every contact known by PSID (an account update, a tag allowed
   * outside the 24-hour window) through the simulator's Send API at that time, and report each answer.
   */
  async function messageEveryContact(at: number): Promise<void> {
    const graph = await startGraphServer(world, { now: () => at });
    try {
      const tokens = new Map(world.pages.map((p) => [p.id, p.accessToken]));
      const people: { page_id: string; person_key: string }[] = await sql.query(
        `SELECT page_id, person_key FROM contact WHERE person_key NOT LIKE 'uref:%' ORDER BY page_id, person_key`,
      );
      for (const { page_id, person_key } of people) {
        const sent = await fetch(`${graph.url}/v24.0/${page_id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            access_token: tokens.get(page_id),
            recipient: { id: person_key },
            messaging_type: 'MESSAGE_TAG',
            tag: 'ACCOUNT_UPDATE',
            message: { text: 'Your account was updated.' },
          }),
        });
        const answer = (await sent.json()) as { error?: unknown };
        const report = await running.api('/api/send-outcomes', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            page: page_id,
            psid: person_key,
            time: new Date(at).toISOString(),
            error: answer.error ?? null,
            idempotencyKey: `bot-${page_id}-${person_key}`,
          }),
        });
        expect(report.status).toBe(201);
      }
    } finally {
      await graph.close();
    }
  }

  async function observed(): Promise<Observed> {
    const contacts: Record<string, unknown>[] = await sql.query(
      `SELECT page_id, person_key, first_source, first_ref, first_ad_id, first_seen_at, reachability FROM contact`,
    );
    const touches: Record<string, unknown>[] = await sql.query(
      `SELECT page_id, person_key, source, ref, ad_id, time, opens_thread FROM contact_touch`,
    );
    const conversions: Record<string, unknown>[] = await sql.query(
      `SELECT page_id, person_key, event_name, time FROM conversion`,
    );
    return {
      contacts: contacts.map((c) => ({
        pageId: c.page_id as string,
        personKey: c.person_key as string,
        firstSource: c.first_source as string,
        firstRef: c.first_ref as string | null,
        firstAdId: c.first_ad_id as string | null,
        firstSeenAt: (c.first_seen_at as Date).getTime(),
        reachability: c.reachability as Observed['contacts'][number]['reachability'],
      })),
      touches: touches.map((t) => ({
        pageId: t.page_id as string,
        personKey: t.person_key as string,
        source: t.source as string,
        ref: t.ref as string | null,
        adId: t.ad_id as string | null,
        time: (t.time as Date).getTime(),
        opensThread: t.opens_thread as boolean,
      })),
      conversions: conversions.map((c) => ({
        pageId: c.page_id as string,
        personKey: c.person_key as string | null,
        eventName: c.event_name as string,
        time: (c.time as Date).getTime(),
      })),
    };
  }
});
