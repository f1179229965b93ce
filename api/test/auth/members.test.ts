import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHeaders, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

type Member = { userId: string; email: string; role: string };

describe.each(databaseKinds)('workspace members on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let admin: Record<string, string>;
  const call = (path: string, headers: Record<string, string>, method = 'GET', body?: unknown) =>
    fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const members = async () => (await (await running.api('/api/members')).json()) as Member[];
  const idOf = async (email: string) => (await members()).find((m) => m.email === email)!.userId;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url);
    admin = await memberHeaders(running.app, { workspace: 'default', role: 'admin' });
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('lets an admin add a new person, who then signs in with the password given', async () => {
    const added = await call('/api/members', admin, 'POST', {
      email: 'new@example.test',
      role: 'analyst',
      password: 'first password 1',
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ email: 'new@example.test', role: 'analyst', created: true });
    const login = await call('/api/auth/login', {}, 'POST', {
      email: 'new@example.test',
      password: 'first password 1',
    });
    expect(login.status).toBe(200);
    const noPassword = await call('/api/members', admin, 'POST', { email: 'other@example.test', role: 'viewer' });
    expect(noPassword.status).toBe(400);
    expect(((await noPassword.json()) as { message: string }).message).toMatch(/^password: .* needs one/);
  });

  it('keeps owners to owners: an admin can neither make nor demote one', async () => {
    const owner = await idOf('owner@default.test');
    expect((await call(`/api/members/${owner}`, admin, 'PATCH', { role: 'viewer' })).status).toBe(403);
    expect((await call(`/api/members/${owner}`, admin, 'DELETE')).status).toBe(403);
    const made = await call('/api/members', admin, 'POST', { email: 'new@example.test', role: 'owner' });
    expect(made.status).toBe(403);
    const promote = await call('/api/members', admin, 'POST', { email: 'owner@default.test', role: 'viewer' });
    expect(promote.status).toBe(403);
    expect((await members()).find((m) => m.userId === owner)?.role).toBe('owner');
  });

  it('keeps at least one owner', async () => {
    const owner = await idOf('owner@default.test');
    const res = await running.api(`/api/members/${owner}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(res.status).toBe(409);
  });

  it('changes a role and removes a member, and audits both', async () => {
    const user = await idOf('new@example.test');
    const changed = await call(`/api/members/${user}`, admin, 'PATCH', { role: 'viewer' });
    expect(await changed.json()).toMatchObject({ email: 'new@example.test', role: 'viewer' });
    expect((await call(`/api/members/${user}`, admin, 'DELETE')).status).toBe(204);
    expect((await members()).map((m) => m.email)).not.toContain('new@example.test');
    const audit = (await (await running.api('/api/audit')).json()) as { action: string; detail: object }[];
    expect(audit.slice(0, 3)).toMatchObject([
      { action: 'user.removed', detail: { email: 'new@example.test' } },
      { action: 'role.changed', detail: { from: 'analyst', to: 'viewer' } },
      { action: 'user.added', detail: { email: 'new@example.test', role: 'analyst' } },
    ]);
  });
});
