import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverMessaging,
  memberHeaders,
  processAllWebhooks,
  startTestApp,
  withHeaders,
  type RunningApp,
} from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'alerts-secret';
const PAGE = '104857600000031';
const QUIET_PAGE = '104857600000032';
const HOUR = 3_600_000;

type Alert = {
  id: string;
  kind: string;
  severity: string;
  subject: { type: string; id: string; name: string | null };
  message: string;
  since: string | null;
  figures?: Record<string, unknown>;
};
type Alerts = { blockRate: { threshold: number; minContacts: number }; alerts: Alert[] };

describe.each(databaseKinds)('GET /api/alerts on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let ws: string;

  const deliver = (messaging: unknown[]) => deliverMessaging(running, { secret: SECRET, page: PAGE, messaging });
  const json = (body: unknown, method = 'POST'): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const alerts = async () => {
    const res = await running.api('/api/alerts');
    expect(res.status).toBe(200);
    return (await res.json()) as Alerts;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: `${PAGE},${QUIET_PAGE}` });
    const { sql } = running;
    [{ workspace_id: ws }] = await sql.query(`SELECT workspace_id FROM messenger_page WHERE page_id = $1`, [PAGE]);
    await sql.query(
      `INSERT INTO ad_account (workspace_id, id, currency, timezone_name, name) VALUES ($1, 'act_1', 'EUR', 'UTC', 'Shop')`,
      [ws],
    );
    for (const [id, level, name] of [
      ['c_spring', 'campaign', 'Spring sale'],
      ['s_spring', 'adset', 'Spring set'],
      ['ad_spring', 'ad', 'Spring ad'],
    ] as const)
      await sql.query(
        `INSERT INTO ad_object (workspace_id, id, account_id, level, campaign_id, adset_id, name)
         VALUES ($1, $2, 'act_1', $3, 'c_spring', $4, $5)`,
        [ws, id, level, level === 'ad' ? 's_spring' : null, name],
      );

    // 40 people from the ad (10 block the page) and 40 from an m.me ref (3 block it), an hour ago
    const now = Date.now() - HOUR;
    const people: { psid: string; blocks: boolean }[] = [];
    const items: unknown[] = [];
    for (let i = 0; i < 80; i++) {
      const psid = String(7312345600031000 + i);
      const fromAd = i < 40;
      const referral = fromAd
        ? { ad_id: 'ad_spring', source: 'ADS', type: 'OPEN_THREAD' }
        : { ref: 'poster-qr', source: 'SHORTLINK', type: 'OPEN_THREAD' };
      items.push({
        sender: { id: psid },
        recipient: { id: PAGE },
        timestamp: now + i,
        ...(fromAd ? { message: { mid: `m_${psid}`, text: 'Hi', referral } } : { referral }),
      });
      if (!fromAd)
        items.push({
          sender: { id: psid },
          recipient: { id: PAGE },
          timestamp: now + i + 1,
          message: { mid: `m2_${psid}`, text: 'Hi' },
        });
      people.push({ psid, blocks: fromAd ? i < 10 : i < 43 });
    }
    // Meta restricts the page from messaging
    items.push({
      recipient: { id: PAGE },
      timestamp: now + 500,
      policy_enforcement: { action: 'block', reason: 'The page sent messages outside the standard messaging window.' },
    });
    await deliver(items);
    for (const p of people.filter((p) => p.blocks)) {
      const res = await running.api(
        '/api/send-outcomes',
        json({
          page: PAGE,
          psid: p.psid,
          error: { code: 551, message: "This person isn't available right now." },
          idempotencyKey: `s-${p.psid}`,
        }),
      );
      expect(res.status).toBe(201);
    }
    await processAllWebhooks(running);

    // a page that got 10 webhooks an hour for 14 days, and nothing since an hour that began 5 to 6 hours ago
    const lastAt = Math.floor((Date.now() - 5 * HOUR) / HOUR) * HOUR;
    await sql.query(
      `INSERT INTO page_activity (workspace_id, page_id, hour, events, last_received_at)
       SELECT $1, $2, $3::timestamptz - h * interval '1 hour', 10, $3::timestamptz - h * interval '1 hour' + interval '59 minutes'
       FROM generate_series(1, 14 * 24) AS h`,
      [ws, QUIET_PAGE, new Date(lastAt)],
    );
    await sql.query(
      `INSERT INTO page_activity (workspace_id, page_id, hour, events, last_received_at) VALUES ($1, $2, $3, 10, $3)`,
      [ws, QUIET_PAGE, new Date(lastAt)],
    );

    // an account Meta refuses, and one whose last sync failed
    await sql.query(
      `INSERT INTO ad_account (workspace_id, id, name, connection_status, connection_error)
       VALUES ($1, 'act_2', 'Old shop', 'token_invalid', 'Meta refused the token (190)')`,
      [ws],
    );
    await sql.query(`INSERT INTO ad_account (workspace_id, id, name) VALUES ($1, 'act_3', 'Third')`, [ws]);
    await sql.query(
      `INSERT INTO sync_run (workspace_id, account_id, kind, since, until, status, days_total, error, finished_at)
       VALUES ($1, 'act_3', 'hourly', current_date, current_date, 'failed', 1, 'Graph answered 500 three times', now())`,
      [ws],
    );
    // a stored connection whose token expires soon
    await sql.query(
      `INSERT INTO meta_connection (workspace_id, kind, token_ciphertext, token_last4, status, status_detail, checked_at)
       VALUES ($1, 'system_user', '\\x00', 'WXYZ', 'expiring', 'The token expires on 2026-12-01 10:00 UTC: connect again with a new token before then.', now())`,
      [ws],
    );
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('records webhook arrivals per page and hour as deliveries are processed', async () => {
    const rows = await running.sql.query(`SELECT sum(events)::int AS n FROM page_activity WHERE page_id = $1`, [PAGE]);
    expect(rows[0].n).toBe(80 + 40 + 1);
  });

  it("says when each page's last webhook came", async () => {
    const res = await running.api('/api/alerts');
    const body = (await res.json()) as { freshness: { pages: { id: string; lastWebhookAt: string | null }[] } };
    const [{ last }] = await running.sql.query(
      `SELECT max(last_received_at) AS last FROM page_activity WHERE page_id = $1`,
      [PAGE],
    );
    expect(body.freshness.pages.find((p) => p.id === PAGE)?.lastWebhookAt).toBe(new Date(last).toISOString());
  });

  it('flags block rates over the threshold by page, campaign and ref, critical only when confidently over', async () => {
    const { blockRate, alerts: list } = await alerts();
    expect(blockRate).toEqual({ threshold: 0.05, minContacts: 30 });
    const rates = list.filter((a) => a.kind === 'block_rate');
    expect(rates.map((a) => [a.subject.type, a.subject.id, a.severity])).toEqual([
      ['campaign', 'c_spring', 'critical'],
      ['page', PAGE, 'critical'],
      ['ref', 'SHORTLINK:poster-qr', 'warning'],
    ]);
    const campaign = rates.find((a) => a.subject.type === 'campaign')!;
    expect(campaign.subject.name).toBe('Spring sale');
    expect(campaign.figures).toMatchObject({ newContacts: 40, blocked: 10, blockRate: 0.25 });
    expect(campaign.message).toMatch(
      /^25\.0% of the 40 new contacts from campaign Spring sale in the last 7 days blocked the page/,
    );
    expect(rates.find((a) => a.subject.type === 'ref')!.message).toMatch(/may still be chance/);
  });

  it('follows the workspace threshold an admin sets, and audits the change', async () => {
    const viewer = await memberHeaders(running.app, { workspace: 'default', role: 'viewer' });
    const refused = await fetch(
      `${running.baseUrl}/api/workspace`,
      withHeaders(json({ blockRateThreshold: 0.5 }, 'PATCH'), viewer),
    );
    expect(refused.status).toBe(403);
    const bad = await running.api('/api/workspace', json({ blockRateThreshold: 5 }, 'PATCH'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/blockRateThreshold must be under 1/);
    expect((await running.api('/api/workspace', json({}, 'PATCH'))).status).toBe(400);
    const ok = await running.api('/api/workspace', json({ blockRateThreshold: 0.2 }, 'PATCH'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ blockRateThreshold: 0.2, blockRateMinContacts: 30, timeZone: 'UTC' });
    const rates = (await alerts()).alerts.filter((a) => a.kind === 'block_rate');
    expect(rates.map((a) => [a.subject.type, a.severity])).toEqual([['campaign', 'warning']]);
    const audit = (await (await running.api('/api/audit')).json()) as { action: string; detail: unknown }[];
    expect(audit[0]).toMatchObject({
      action: 'workspace.updated',
      detail: { blockRateThreshold: { from: 0.05, to: 0.2 } },
    });
    await running.api('/api/workspace', json({ blockRateThreshold: 0.05 }, 'PATCH'));
  });

  it("reports Meta's policy enforcement, failing syncs, an expiring token and a silent page", async () => {
    const list = (await alerts()).alerts;
    const byKind = (kind: string) => list.filter((a) => a.kind === kind);
    expect(byKind('policy_enforcement')).toEqual([
      expect.objectContaining({
        severity: 'critical',
        subject: { type: 'page', id: PAGE, name: null },
        message: expect.stringContaining('outside the standard messaging window'),
      }),
    ]);
    expect(byKind('sync_failing').map((a) => [a.subject.id, a.severity])).toEqual([
      ['act_2', 'critical'],
      ['act_3', 'warning'],
    ]);
    expect(byKind('sync_failing')[1]!.message).toContain('Graph answered 500 three times');
    expect(byKind('token_expiring')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/^The token expires on 2026-12-01/),
      }),
    ]);
    const silent = byKind('webhooks_silent');
    expect(silent.map((a) => a.subject.id)).toEqual([QUIET_PAGE]);
    expect(silent[0]!.message).toMatch(
      /^No webhook from page \d+ for [56] hours, when it usually gets about \d+ events/,
    );
    expect(byKind('demo')).toEqual([]);
    // worst first
    const order = list.map((a) => a.severity);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => ['critical', 'warning', 'info'].indexOf(a) - ['critical', 'warning', 'info'].indexOf(b),
      ),
    );
  });

  it("shows another workspace's alerts to no one else", async () => {
    const other = await memberHeaders(running.app, { workspace: 'other', role: 'owner' });
    const res = await fetch(`${running.baseUrl}/api/alerts`, withHeaders(undefined, other));
    expect(((await res.json()) as Alerts).alerts).toEqual([]);
  });
});
