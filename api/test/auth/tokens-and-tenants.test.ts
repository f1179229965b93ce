import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPage } from '../../src/messenger/messenger-pages.bootstrap.js';
import { fillPath, routeTable } from '../support/route-table.js';
import { memberHeaders, startTestApp, tokenHeaders, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

type Ids = {
  workspace: string;
  run: string;
  token: string;
  account: string;
  page: string;
  member: string;
  campaign: string;
  adset: string;
  contact: string;
};

/** A workspace with a sync run, an ad account, a connected page, a token and audit entries. */
async function seedWorkspace(running: RunningApp, slug: string, page: string): Promise<Ids> {
  const { sql, app } = running;
  const [{ id: workspace }] = await sql.query(
    `INSERT INTO workspace (slug, name) VALUES ($1, $1) ON CONFLICT (slug) DO UPDATE SET name = $1 RETURNING id`,
    [slug],
  );
  const account = `act_${page.slice(-6)}`;
  await sql.query(`INSERT INTO ad_account (workspace_id, id) VALUES ($1, $2)`, [workspace, account]);
  const [{ id: run }] = await sql.query(
    `INSERT INTO sync_run (workspace_id, account_id, kind, since, until, days_total, status)
     VALUES ($1, $2, 'backfill', '2026-11-01', '2026-11-02', 2, 'succeeded') RETURNING id`,
    [workspace, account],
  );
  await connectPage(sql, workspace, { pageId: page });
  const { tokenId: token } = await tokenHeaders(app, { workspace: slug, scope: 'read' });
  await memberHeaders(app, { workspace: slug, role: 'viewer', email: `viewer@${slug}.test` });
  const [{ id: member }] = await sql.query(`SELECT id FROM app_user WHERE email = $1`, [`viewer@${slug}.test`]);
  // an ad structure with a day of insights, and a contact from the ad with its daily rollup row
  const [campaign, adset, ad] = [`${slug}-campaign`, `${slug}-adset`, `${slug}-ad`];
  for (const [id, level] of [
    [campaign, 'campaign'],
    [adset, 'adset'],
    [ad, 'ad'],
  ] as const)
    await sql.query(
      `INSERT INTO ad_object (workspace_id, id, account_id, level, campaign_id, adset_id, name) VALUES ($1, $2, $3, $4, $5, $6, $2)`,
      [workspace, id, account, level, campaign, level === 'ad' ? adset : null],
    );
  await sql.query(
    `INSERT INTO ad_insight_daily (workspace_id, ad_id, day, account_id, campaign_id, adset_id, currency, spend)
     VALUES ($1, $2, '2026-11-01', $3, $4, $5, 'EUR', 10)`,
    [workspace, ad, account, campaign, adset],
  );
  const person = `${slug}-person`;
  await sql.query(
    `INSERT INTO contact (workspace_id, page_id, person_key, first_seen_at, first_touch_event, first_source, first_ref, first_ad_id)
     VALUES ($1, $2, $3, '2026-11-01T10:00:00Z', $4, 'ADS', $5, $6)`,
    [workspace, page, person, `${slug}-event`, `${slug}-ref`, ad],
  );
  await sql.query(
    `INSERT INTO observed_daily (workspace_id, day, page_id, source, ad_id, ref, new_contacts) VALUES ($1, '2026-11-01', $2, 'ADS', $3, $4, 1)`,
    [workspace, page, ad, `${slug}-ref`],
  );
  const contact = Buffer.from(JSON.stringify([page, person])).toString('base64url');
  return { workspace, run, token, account, page, member, campaign, adset, contact };
}

/** The days the figures routes are asked about: those of the seeded figures. */
const DAYS = 'from=2026-11-01&to=2026-11-30';
/** Lists that need a query; the drill-downs (adsets, ads) take an object of B, tested with the id routes. */
const LIST_QUERY: Record<string, string> = {
  '/api/ref-links': `?${DAYS}`,
  '/api/overview': `?${DAYS}`,
  '/api/campaigns': `?${DAYS}`,
  '/api/timeseries': `?metric=newContacts&groupBy=ref&${DAYS}`,
  '/api/funnel': `?by=campaign&${DAYS}`,
  '/api/adsets': `?campaign=tenant-a-campaign&${DAYS}`,
  '/api/ads': `?adset=tenant-a-adset&${DAYS}`,
  '/api/cohorts': `?by=campaign&${DAYS}`,
  '/api/reconciliation': `?${DAYS}`,
};

describe.each(databaseKinds)('API tokens and tenant isolation on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let sql: DataSource;
  let a: Ids;
  let b: Ids;
  let ownerA: Record<string, string>;
  let adminTokenA: Record<string, string>;
  const call = (path: string, headers: Record<string, string>, init: RequestInit = {}) =>
    fetch(`${running.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...headers },
    });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url);
    sql = running.sql;
    a = await seedWorkspace(running, 'tenant-a', '104857600000011');
    b = await seedWorkspace(running, 'tenant-b', '104857600000022');
    ownerA = await memberHeaders(running.app, { workspace: 'tenant-a', role: 'owner' });
    const { tokenId: _, ...headers } = await tokenHeaders(running.app, { workspace: 'tenant-a', scope: 'admin' });
    adminTokenA = headers;
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('shows a new token once, stores only its hash, and revokes it at once', async () => {
    const created = await call('/api/tokens', ownerA, {
      method: 'POST',
      body: JSON.stringify({ name: 'shop conversions', scope: 'write:conversions' }),
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; token: string; last4: string; scope: string };
    expect(token.token).toMatch(/^ctm_[\w-]{43}$/);
    expect(token.last4).toBe(token.token.slice(-4));
    const stored = JSON.stringify(await sql.query(`SELECT * FROM api_token WHERE id = $1`, [token.id]));
    expect(stored).not.toContain(token.token);
    const listed = await (await call('/api/tokens', ownerA)).text();
    expect(listed).toContain(token.id);
    expect(listed).not.toContain(token.token);

    const bearer = { authorization: `Bearer ${token.token}` };
    const report = { page: a.page, psid: '7312345678901234', event: 'purchase', idempotencyKey: 'order-1' };
    const post = () => call('/api/conversions', bearer, { method: 'POST', body: JSON.stringify(report) });
    expect((await post()).status).toBe(201);
    expect((await call('/api/sync/runs', bearer)).status).toBe(403);
    const [{ last_used_at }] = await sql.query(`SELECT last_used_at FROM api_token WHERE id = $1`, [token.id]);
    expect(last_used_at).not.toBeNull();

    expect((await call(`/api/tokens/${token.id}`, ownerA, { method: 'DELETE' })).status).toBe(200);
    const after = await post();
    expect(after.status).toBe(401);
    expect(((await after.json()) as { message: string }).message).toMatch(/unknown or was revoked/);
  });

  it('records token and member changes in the audit log, for owners only', async () => {
    const audit = (await (await call('/api/audit', ownerA)).json()) as { action: string; actor: string }[];
    const actions = audit.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['token.created', 'token.revoked', 'user.added']));
    expect(audit.find((e) => e.action === 'token.revoked')?.actor).toBe('owner@tenant-a.test');
    const admin = await memberHeaders(running.app, { workspace: 'tenant-a', role: 'admin' });
    expect((await call('/api/audit', admin)).status).toBe(403);
  });

  it("answers 404 for B's objects through every route that takes an id, to A's user and A's token", async () => {
    // every route with a parameter must say here which of B's objects it would reach
    const [{ id: connectionOfB }] = await sql.query(
      `INSERT INTO meta_connection (workspace_id, kind, token_ciphertext, token_last4)
       VALUES ($1, 'page', '\\x00', '0000') RETURNING id`,
      [b.workspace],
    );
    const [{ id: linkOfB }] = await sql.query(
      `INSERT INTO ref_link (workspace_id, page_id, ref, label) VALUES ($1, $2, 'tenant-b-link', 'B') RETURNING id`,
      [b.workspace, b.page],
    );
    const [{ id: ruleOfB }] = await sql.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'B', 'payload', 'B') RETURNING id`,
      [b.workspace],
    );
    const [{ id: reportOfB }] = await sql.query(
      `INSERT INTO report (workspace_id, kind, range_from, range_to, comparison_from, comparison_to, status, requested_by)
       VALUES ($1, 'custom', '2026-11-01', '2026-11-07', '2026-10-25', '2026-10-31', 'generating', 'B') RETURNING id`,
      [b.workspace],
    );
    const objectOfB: Record<string, string> = {
      'DELETE /api/connections/:id': connectionOfB,
      'GET /api/sync/runs/:id': b.run,
      'DELETE /api/tokens/:id': b.token,
      'PATCH /api/members/:userId': b.member,
      'DELETE /api/members/:userId': b.member,
      'GET /api/contacts/:id': b.contact,
      'PATCH /api/links/:id': linkOfB,
      'DELETE /api/links/:id': linkOfB,
      'GET /api/links/:id/qr.png': linkOfB,
      'GET /api/links/:id/qr.svg': linkOfB,
      'PATCH /api/conversion-rules/:id': ruleOfB,
      'DELETE /api/conversion-rules/:id': ruleOfB,
      'GET /api/reports/:id': reportOfB,
      'GET /api/reports/:id/download': reportOfB,
    };
    const withId = routeTable(running.app).filter((r) => r.path.includes(':') && r.access.kind === 'rule');
    expect(withId.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(objectOfB).sort());
    for (const route of withId) {
      const query = route.path.endsWith('/download') ? '?format=csv' : '';
      const path = fillPath(route.path, objectOfB[`${route.method} ${route.path}`]!) + query;
      const patch = route.path.includes('links')
        ? { label: 'A' }
        : route.path.includes('conversion-rules')
          ? { name: 'A' }
          : { role: 'owner' };
      const body = route.method === 'PATCH' ? JSON.stringify(patch) : undefined;
      const asUser = await call(path, ownerA, { method: route.method, body });
      expect(asUser.status, `${route.method} ${route.path} as A's owner`).toBe(404);
      const asToken = await call(path, adminTokenA, { method: route.method, body });
      expect([404, 403], `${route.method} ${route.path} as A's token`).toContain(asToken.status);
    }
    // drill-downs take their object in the query
    for (const path of [`/api/adsets?campaign=${b.campaign}&${DAYS}`, `/api/ads?adset=${b.adset}&${DAYS}`]) {
      expect((await call(path, ownerA)).status, `${path} as A's owner`).toBe(404);
      expect((await call(path, adminTokenA)).status, `${path} as A's token`).toBe(404);
    }
    const [tokenOfB] = await sql.query(`SELECT revoked_at FROM api_token WHERE id = $1`, [b.token]);
    expect(tokenOfB.revoked_at).toBeNull();
    const [memberOfB] = await sql.query(`SELECT role FROM membership WHERE user_id = $1 AND workspace_id = $2`, [
      b.member,
      b.workspace,
    ]);
    expect(memberOfB).toEqual({ role: 'viewer' });
  });

  it("refuses B's page and B's account in A's writes with 404", async () => {
    const report = { page: b.page, psid: '7312345678901234', event: 'purchase', idempotencyKey: 'order-b' };
    const outcome = { page: b.page, psid: '7312345678901234', error: null, idempotencyKey: 'send-b' };
    for (const who of [ownerA, adminTokenA]) {
      const res = await call('/api/conversions', who, { method: 'POST', body: JSON.stringify(report) });
      expect(res.status).toBe(404);
      const sent = await call('/api/send-outcomes', who, { method: 'POST', body: JSON.stringify(outcome) });
      expect(sent.status).toBe(404);
      const sync = await call('/api/sync', who, {
        method: 'POST',
        body: JSON.stringify({ account: b.account, since: '2026-11-01' }),
      });
      expect(sync.status).toBe(404);
    }
    const [{ n }] = await sql.query(
      `SELECT (SELECT count(*) FROM conversion WHERE workspace_id = $1) + (SELECT count(*) FROM send_outcome WHERE workspace_id = $1) AS n`,
      [b.workspace],
    );
    expect(Number(n)).toBe(0);
  });

  it("never shows B's rows in A's lists", async () => {
    // /api/admin/ is server-level (the quarantine holds pages no workspace connected): not a workspace's list
    const lists = routeTable(running.app).filter(
      (r) => r.method === 'GET' && !r.path.includes(':') && r.access.kind === 'rule' && !r.path.includes('/admin/'),
    );
    expect(lists.length).toBeGreaterThanOrEqual(5);
    for (const route of lists) {
      for (const who of [ownerA, adminTokenA]) {
        const res = await call(`${route.path}${LIST_QUERY[route.path] ?? ''}`, who);
        if (res.status === 403) continue;
        expect(res.status, `GET ${route.path}`).toBe(200);
        const text = await res.text();
        for (const id of [b.workspace, b.run, b.token, b.account, b.member, b.contact, 'tenant-b'])
          expect(text, `GET ${route.path} shows ${id}`).not.toContain(id);
      }
    }
    expect(await (await call('/api/sync/runs', ownerA)).text()).toContain(a.run);
    expect(await (await call('/api/sync/accounts', ownerA)).text()).toContain(a.account);
    expect(await (await call(`/api/campaigns?${DAYS}`, ownerA)).text()).toContain(a.campaign);
    expect(await (await call('/api/contacts', ownerA)).text()).toContain(a.contact);
    expect(await (await call(`/api/ref-links?${DAYS}`, ownerA)).text()).toContain('tenant-a-ref');
  });

  it('takes the workspace from the credential, not from a header naming another', async () => {
    expect((await call('/api/sync/runs', { ...ownerA, 'x-workspace': 'tenant-b' })).status).toBe(404);
    expect((await call('/api/sync/runs', { ...adminTokenA, 'x-workspace': 'tenant-b' })).status).toBe(403);
  });
});
