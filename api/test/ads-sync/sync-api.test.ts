import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHeaders } from '../support/test-app.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const END = '2026-11-20';

describe.each(databaseKinds)('POST /api/sync and GET /api/sync/runs on %s', (kind) => {
  let db: TestDatabase;
  let h: SyncHarness;
  let base: string;
  let account: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    h = await startSyncHarness(db.url, { seed: 11, size: 'small', endDate: END });
    await h.app.listen(0, '127.0.0.1');
    base = (await h.app.getUrl()).replace('[::1]', '127.0.0.1');
    account = h.world.accounts[0]!.id;
    auth = await memberHeaders(h.app, { workspace: 'default' });
  });
  afterAll(async () => {
    await h?.close();
    await db?.drop();
  });

  const post = (body: unknown) =>
    fetch(`${base}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });

  it.each([
    ['no account', { since: '2026-11-01' }, 400, /^account: is required/],
    ['a malformed account', { account: 'campaign_12', since: '2026-11-01' }, 400, /^account: must be an ad account id/],
    ['no since', { account: 'act_1' }, 400, /^since: must be a date/],
    ['a date in another format', { account: 'act_1', since: '01/11/2026' }, 400, /^since: must be a date/],
    ['a day that does not exist', { account: 'act_1', since: '2026-02-30' }, 400, /^since: is not a real calendar/],
    ['since after until', { account: 'act_1', since: '2026-11-10', until: '2026-11-01' }, 400, /^since: .*after until/],
    [
      'a range over 37 months',
      { account: 'act_1', since: '2023-01-01', until: '2026-11-01' },
      400,
      /^until: .*37 months/,
    ],
    ['an extra field', { account: 'act_1', since: '2026-11-01', level: 'ad' }, 400, /level/],
    [
      'an account not connected',
      { account: 'act_999', since: '2026-11-01' },
      404,
      /^account: act_999 is not a connected/,
    ],
  ])('refuses %s with %i and a sentence naming the parameter', async (_name, body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
  });

  it('answers 400 for a run id that is not a UUID and 404 for an unknown one', async () => {
    const bad = await fetch(`${base}/api/sync/runs/not-a-uuid`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/id must be a sync run id/);
    const unknown = await fetch(`${base}/api/sync/runs/00000000-0000-4000-8000-000000000000`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/no sync run/);
  });

  it('accepts a good backfill with 202 and a run id, and the run ends succeeded with its rows', async () => {
    const res = await post({ account, since: '2026-11-01', until: END });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    let run: { status: string; rowsWritten: number; doneUntil: string | null; error: string | null } | undefined;
    for (let i = 0; i < 200 && !['succeeded', 'failed'].includes(run?.status ?? ''); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = (await (await fetch(`${base}/api/sync/runs/${runId}`, { headers: auth })).json()) as typeof run;
    }
    const expected = [
      ...h.world.insights({ accountId: account, level: 'ad', since: '2026-11-01', until: END, timeIncrement: 1 }),
    ];
    expect(run).toMatchObject({ status: 'succeeded', error: null, doneUntil: END, rowsWritten: expected.length });
    const list = (await (await fetch(`${base}/api/sync/runs?account=${account}`, { headers: auth })).json()) as {
      id: string;
    }[];
    expect(list.map((r) => r.id)).toContain(runId);
  });

  it('lists the connected accounts with their connection status and last syncs, and no token', async () => {
    const res = await fetch(`${base}/api/sync/accounts`, { headers: auth });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(h.world.systemUserToken);
    const accounts = JSON.parse(text) as { id: string; connectionStatus: string; insightsSyncedAt: string | null }[];
    expect(accounts.map((a) => a.id).sort()).toEqual(h.world.accounts.map((a) => a.id).sort());
    const synced = accounts.find((a) => a.id === account);
    expect(synced).toMatchObject({ connectionStatus: 'ok' });
    expect(synced?.insightsSyncedAt).not.toBeNull();
  });
});
