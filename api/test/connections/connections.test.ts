import { createWorld, startGraphServer, type GraphServer, type World } from '@ctm/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsSyncService } from '../../src/ads-sync/ads-sync.service.js';
import { WEBHOOK_FIELDS } from '../../src/connections/connections-graph.js';
import { TokenHealthService } from '../../src/connections/token-health.service.js';
import { ConnectionsLoader } from '../../src/connections/connections.loader.js';
import { MetaConnections } from '../../src/meta/meta-connections.js';
import { ConversationBackfill } from '../../src/messenger/conversation-backfill.service.js';
import { memberHeaders, startTestApp, withHeaders, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const END = '2026-01-20';
const RANGE = { since: '2026-01-15', until: END };

type View = {
  id: string;
  kind: string;
  tokenLast4: string;
  status: string;
  statusDetail: string | null;
  adAccounts: { id: string; name: string; currency: string; timezone: string; syncStatus: string }[];
  pages: { id: string }[];
};

describe.each(databaseKinds)('Meta connections, stored encrypted, on %s', (kind) => {
  let db: TestDatabase;
  let world: World;
  let graph: GraphServer;
  let running: RunningApp;
  let other: Record<string, string>;
  let token: string;
  let account: string;
  let page: { id: string; accessToken: string };
  let workspaceId: string;
  let connection: View;

  const json = (body: unknown, method = 'POST'): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const asOther = (path: string, init?: RequestInit) => fetch(`${running.baseUrl}${path}`, withHeaders(init, other));
  const subscribedFields = async (p: { id: string; accessToken: string }) => {
    const res = await fetch(`${graph.url}/v24.0/${p.id}/subscribed_apps?access_token=${p.accessToken}`);
    const body = (await res.json()) as { data: { subscribed_fields: string[] }[] };
    return body.data[0]?.subscribed_fields ?? [];
  };
  const syncOnce = async () => {
    const sync = running.app.get(AdsSyncService);
    const run = await sync.enqueue(workspaceId, account, 'backfill', RANGE);
    return sync.execute(run.id);
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    world = createWorld({ seed: 21, size: 'tiny', endDate: END });
    graph = await startGraphServer(world);
    running = await startTestApp(db.url, { META_GRAPH_URL: graph.url });
    other = await memberHeaders(running.app, { workspace: 'other', role: 'owner' });
    token = world.systemUserToken;
    account = world.accounts[0]!.id;
    page = world.pages[0]!;
    const rows = (await running.sql.query(`SELECT id FROM workspace WHERE slug = 'default'`)) as { id: string }[];
    workspaceId = rows[0]!.id;
  });
  afterAll(async () => {
    await running?.close();
    await graph?.close();
    await db?.drop();
  });

  it('previews what a token can see, without echoing any token', async () => {
    const res = await running.api('/api/connections/preview', json({ token }));
    expect(res.status).toBe(200);
    const text = await res.text();
    const preview = JSON.parse(text) as { kind: string; adAccounts: View['adAccounts']; pages: { id: string }[] };
    expect(preview.kind).toBe('system_user');
    expect(preview.adAccounts).toEqual(
      world.accounts.map((a) => ({ id: a.id, name: a.name, currency: a.currency, timezone: a.timezoneName })),
    );
    expect(preview.pages.map((p) => p.id)).toEqual(world.pages.map((p) => p.id));
    for (const secret of [token, ...world.pages.map((p) => p.accessToken)]) expect(text).not.toContain(secret);
  });

  it.each([
    ['preview', {}, /^token: /],
    ['preview', { token: 'short' }, /^token: must be a Meta access token/],
    ['preview', { token: 'A'.repeat(30) }, /^token: Meta refused this token/],
    ['', { token: 'A'.repeat(30), adAccountIds: ['acct_9'] }, /^adAccountIds\.0: must list ad account ids/],
    ['', { token: 'A'.repeat(30) }, /adAccountIds or pageIds must name at least one/],
    ['', { token: 'A'.repeat(30), pageIds: ['1'], extra: 1 }, /extra/],
  ])('refuses a bad /api/connections/%s body with a sentence naming the parameter', async (path, body, message) => {
    const res = await running.api(`/api/connections${path ? `/${path}` : ''}`, json(body));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
  });

  it('refuses an ad account or page the token does not see', async () => {
    const res = await running.api('/api/connections', json({ token, adAccountIds: ['act_999999'] }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(
      'adAccountIds: act_999999 is not an ad account this token can see.',
    );
  });

  it('connects the chosen account and page, subscribes the page to webhooks, and audits it', async () => {
    const res = await running.api('/api/connections', json({ token, adAccountIds: [account], pageIds: [page.id] }));
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(token);
    connection = JSON.parse(text) as View;
    expect(connection).toMatchObject({ kind: 'system_user', tokenLast4: token.slice(-4), status: 'ok' });
    expect(connection.adAccounts.map((a) => a.id)).toEqual([account]);
    expect(connection.pages.map((p) => p.id)).toEqual([page.id]);
    expect(await subscribedFields(page)).toEqual(WEBHOOK_FIELDS);
    const listed = (await (await running.api('/api/connections')).json()) as View[];
    expect(listed.map((c) => c.id)).toEqual([connection.id]);
    const audit = (await (await running.api('/api/audit')).json()) as { action: string; detail: object }[];
    expect(audit[0]).toMatchObject({ action: 'connection.added', detail: { connectionId: connection.id } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('stores the token encrypted: neither the row as text nor its bytes hold it', async () => {
    const [row] = (await running.sql.query(
      `SELECT to_jsonb(c)::text AS text, token_ciphertext AS bytes FROM meta_connection c WHERE id = $1`,
      [connection.id],
    )) as { text: string; bytes: Buffer }[];
    const clear = Buffer.from(token, 'utf8');
    expect(row!.text).not.toContain(token);
    expect(row!.text).not.toContain(clear.toString('hex'));
    expect(row!.text).not.toContain(clear.toString('base64'));
    expect(row!.bytes.includes(clear)).toBe(false);
    expect(row!.bytes.length).toBeGreaterThan(clear.length);
  });

  it('syncs the account with the stored token, against the simulator', async () => {
    expect(running.app.get(MetaConnections).get(workspaceId, account)).toMatchObject({
      origin: 'stored',
      connectionId: connection.id,
    });
    const run = await syncOnce();
    expect(run?.status).toBe('succeeded');
    const [{ n }] = (await running.sql.query(
      `SELECT count(*)::int AS n FROM ad_insight_daily WHERE workspace_id = $1 AND account_id = $2`,
      [workspaceId, account],
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });

  it('gives the conversation backfill the page token through the stored connection', async () => {
    const result = await running.app.get(ConversationBackfill).backfillPage(workspaceId, page.id);
    expect(result).toMatchObject({ pageId: page.id });
  });

  it('is used by another instance on the same database once it reloads', async () => {
    const second = await startTestApp(db.url, { META_GRAPH_URL: graph.url });
    try {
      const connections = second.app.get(MetaConnections);
      expect(connections.get(workspaceId, account)).toMatchObject({ origin: 'stored', connectionId: connection.id });
      connections.replaceStored([], []);
      expect(connections.get(workspaceId, account)).toBeUndefined();
      await second.app.get(ConnectionsLoader).reload();
      expect(connections.get(workspaceId, account)).toMatchObject({ accessToken: token, connectionId: connection.id });
    } finally {
      await second.close();
    }
  });

  it('keeps another workspace out: 409 for a connected account or page, 404 for the connection', async () => {
    for (const body of [
      { token, adAccountIds: [account] },
      { token, pageIds: [page.id] },
    ]) {
      const res = await asOther('/api/connections', json(body));
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toMatch(
        /is already connected to another workspace; disconnect it there first\.$/,
      );
    }
    expect(await (await asOther('/api/connections')).json()).toEqual([]);
    expect((await asOther(`/api/connections/${connection.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await running.api('/api/connections/not-a-uuid', { method: 'DELETE' })).status).toBe(400);
    const viewer = await memberHeaders(running.app, { workspace: 'default', role: 'viewer' });
    const res = await fetch(`${running.baseUrl}/api/connections/preview`, withHeaders(json({ token }), viewer));
    expect(res.status).toBe(403);
  });

  it('disconnects: the sync stops, the page leaves the workspace and is unsubscribed', async () => {
    const res = await running.api(`/api/connections/${connection.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await (await running.api('/api/connections')).json()).toEqual([]);
    expect(running.app.get(MetaConnections).get(workspaceId, account)).toBeUndefined();
    const run = await syncOnce();
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('is not connected') });
    expect(await subscribedFields(page)).toEqual([]);
    expect(await running.sql.query(`SELECT 1 FROM messenger_page WHERE page_id = $1`, [page.id])).toEqual([]);
    expect(await running.sql.query(`SELECT 1 FROM meta_connection`)).toEqual([]);
    const audit = (await (await running.api('/api/audit')).json()) as { action: string }[];
    expect(audit[0]?.action).toBe('connection.removed');
  });

  it('checks token health: expiring soon is a warning, invalid stops the syncs', async () => {
    const res = await running.api('/api/connections', json({ token, adAccountIds: [account] }));
    const { id } = (await res.json()) as View;
    const health = running.app.get(TokenHealthService);

    graph.setTokenExpiry(token, Date.now() + 3 * 86_400_000);
    expect(await health.checkAll()).toEqual([{ id, status: 'expiring' }]);
    let [listed] = (await (await running.api('/api/connections')).json()) as View[];
    expect(listed).toMatchObject({ status: 'expiring', statusDetail: expect.stringMatching(/^The token expires on /) });
    expect((await syncOnce())?.status).toBe('succeeded');

    graph.expireToken(token);
    expect(await health.checkAll()).toEqual([{ id, status: 'invalid' }]);
    [listed] = (await (await running.api('/api/connections')).json()) as View[];
    expect(listed).toMatchObject({ status: 'invalid', statusDetail: expect.stringContaining('syncs stopped') });
    expect(listed!.adAccounts[0]?.syncStatus).toBe('token_invalid');
    const requestsBefore = graph.requests;
    const run = await syncOnce();
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('reconnect the account') });
    expect(graph.requests).toBe(requestsBefore);
  });
});

describe('the token from configuration (META_ACCESS_TOKEN), listed and health-checked like a stored one', () => {
  let db: TestDatabase;
  let world: World;
  let graph: GraphServer;
  let running: RunningApp;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    world = createWorld({ seed: 22, size: 'tiny', endDate: END });
    graph = await startGraphServer(world);
    running = await startTestApp(db.url, {
      META_GRAPH_URL: graph.url,
      META_ACCESS_TOKEN: world.systemUserToken,
      META_AD_ACCOUNT_IDS: world.accounts[0]!.id,
    });
  });
  afterAll(async () => {
    await running?.close();
    await graph?.close();
    await db?.drop();
  });

  const listed = async () => (await (await running.api('/api/connections')).json()) as (View & { origin: string })[];

  it('is listed read-only, by its last four characters, unchecked until the first check', async () => {
    const text = await (await running.api('/api/connections')).text();
    expect(text).not.toContain(world.systemUserToken);
    expect(JSON.parse(text)).toEqual([
      expect.objectContaining({
        id: 'configured',
        origin: 'configured',
        tokenLast4: world.systemUserToken.slice(-4),
        status: 'unchecked',
        statusDetail: expect.stringContaining('META_ACCESS_TOKEN'),
        adAccounts: [expect.objectContaining({ id: world.accounts[0]!.id })],
      }),
    ]);
    expect((await running.api('/api/connections/configured', { method: 'DELETE' })).status).toBe(400);
  });

  it('is checked with debug_token: ok, then invalid, which stops its syncs', async () => {
    const health = running.app.get(TokenHealthService);
    const [workspace] = (await running.sql.query(`SELECT id FROM workspace WHERE slug = 'default'`)) as {
      id: string;
    }[];
    expect(await health.checkAll()).toEqual([{ id: `configured:${workspace!.id}`, status: 'ok' }]);
    expect((await listed())[0]).toMatchObject({ status: 'ok', checkedAt: expect.any(String) });

    graph.expireToken(world.systemUserToken);
    expect(await health.checkAll()).toEqual([{ id: `configured:${workspace!.id}`, status: 'invalid' }]);
    expect((await listed())[0]).toMatchObject({
      status: 'invalid',
      statusDetail: expect.stringContaining('syncs stopped'),
    });
    const sync = running.app.get(AdsSyncService);
    const requestsBefore = graph.requests;
    const run = await sync.enqueue(workspace!.id, world.accounts[0]!.id, 'backfill', RANGE);
    expect(await sync.execute(run.id)).toMatchObject({ status: 'failed' });
    expect(graph.requests).toBe(requestsBefore);
  });
});
