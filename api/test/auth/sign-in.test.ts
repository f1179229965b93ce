import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembersService } from '../../src/auth/members.service.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const OWNER = { email: 'Ana@Example.test', password: 'correct horse battery' };

/** Sign-in is limited to 5 attempts a minute per account: each story below signs in as its own user. */

describe.each(databaseKinds)('first run, sign-in and sessions on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let base: string;
  let sql: DataSource;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const cookieOf = (res: Response) => ({ cookie: res.headers.get('set-cookie')!.split(';')[0]! });
  const me = (headers: Record<string, string>) => fetch(`${base}/api/auth/me`, { headers });
  let ownerSession: { cookie: string };
  const member = async (email: string, workspace = 'shop') => {
    const password = `password of ${email}`;
    await running.app.get(MembersService).add({ email, workspace, role: 'analyst', password, actor: 'test' });
    return { email, password };
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_WORKSPACE: 'shop' });
    ({ baseUrl: base, sql } = running);
    // startTestApp signs in an owner of its own: start this story from an empty user table
    await sql.query(`DELETE FROM app_user`);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('creates the first owner once, signs them in, and refuses a second first run', async () => {
    expect(await (await fetch(`${base}/api/auth/first-run`)).json()).toEqual({ needed: true, workspace: 'shop' });
    expect((await post('/api/auth/first-run', { email: OWNER.email, password: 'short' })).status).toBe(400);
    const first = await post('/api/auth/first-run', OWNER);
    expect(first.status).toBe(201);
    const setCookie = first.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^ctm_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    ownerSession = cookieOf(first);
    const profile = await (await me(ownerSession)).json();
    expect(profile).toMatchObject({
      user: { email: OWNER.email },
      workspaces: [{ slug: 'shop', role: 'owner' }],
      current: { slug: 'shop', role: 'owner' },
    });

    const again = await post('/api/auth/first-run', { email: 'eve@example.test', password: 'another password' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toMatch(/first owner already exists/);
    expect(await (await fetch(`${base}/api/auth/first-run`)).json()).toMatchObject({ needed: false });
    const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM app_user`);
    expect(n).toBe(1);
  });

  it('stores an argon2id hash, never the password, and only a hash of the session id', async () => {
    const [user] = await sql.query(`SELECT password_hash FROM app_user`);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.password_hash).not.toContain(OWNER.password);
    const secret = ownerSession.cookie.split('=')[1]!;
    const sessions: { id_hash: string }[] = await sql.query(`SELECT id_hash FROM user_session`);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.map((s) => s.id_hash)).not.toContain(secret);
  });

  it('signs in whatever the case of the email, and answers a wrong password and an unknown email alike', async () => {
    const ok = await post('/api/auth/login', { email: 'ana@example.TEST', password: OWNER.password });
    expect(ok.status).toBe(200);
    expect((await me(cookieOf(ok))).status).toBe(200);
    const wrong = await post('/api/auth/login', { email: OWNER.email, password: 'not the password' });
    const unknown = await post('/api/auth/login', { email: 'nobody@example.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const res = await post('/api/auth/login', OWNER, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('ends the session on logout', async () => {
    const auth = cookieOf(await post('/api/auth/login', await member('leaving@example.test')));
    expect((await me(auth)).status).toBe(200);
    expect((await post('/api/auth/logout', {}, auth)).status).toBe(204);
    expect((await me(auth)).status).toBe(401);
  });

  it('changes the password with the current one, and ends the other sessions', async () => {
    const user = await member('changing@example.test');
    const here = cookieOf(await post('/api/auth/login', user));
    const elsewhere = cookieOf(await post('/api/auth/login', user));
    const wrong = await post('/api/auth/password', { currentPassword: 'guess', newPassword: 'a new long one' }, here);
    expect(wrong.status).toBe(403);
    const next = 'a brand new passphrase';
    const changed = await post('/api/auth/password', { currentPassword: user.password, newPassword: next }, here);
    expect(changed.status).toBe(204);
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await post('/api/auth/login', user)).status).toBe(401);
    expect((await post('/api/auth/login', { ...user, password: next })).status).toBe(200);
  });

  it('switches the current workspace among the user’s own, for a request or for the session', async () => {
    const user = await member('agent@example.test');
    const [{ id: userId }] = await sql.query(`SELECT id FROM app_user WHERE email = $1`, [user.email]);
    const [{ id: other }] = await sql.query(
      `INSERT INTO workspace (slug, name) VALUES ('agency-client', 'Client') RETURNING id`,
    );
    await sql.query(`INSERT INTO membership (workspace_id, user_id, role) VALUES ($1, $2, 'viewer')`, [other, userId]);
    await sql.query(`INSERT INTO workspace (slug, name) VALUES ('stranger', 'Not theirs')`);
    const auth = cookieOf(await post('/api/auth/login', user));
    const oneRequest = await me({ ...auth, 'x-workspace': 'agency-client' });
    expect(await oneRequest.json()).toMatchObject({ current: { slug: 'agency-client', role: 'viewer' } });
    expect((await me({ ...auth, 'x-workspace': 'stranger' })).status).toBe(404);
    const switched = await post('/api/auth/workspace', { workspace: 'agency-client' }, auth);
    expect(switched.status).toBe(200);
    expect(await (await me(auth)).json()).toMatchObject({ current: { slug: 'agency-client' } });
    expect((await post('/api/auth/workspace', { workspace: 'stranger' }, auth)).status).toBe(404);
  });
});

describe('login throttling', () => {
  let db: TestDatabase;
  let running: RunningApp;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    running = await startTestApp(db.url);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });
  const login = (email: string, password: string) =>
    fetch(`${running.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('answers 429 after 5 attempts a minute on one account, known or not, even with the right password', async () => {
    const email = 'owner@default.test';
    for (let i = 0; i < 5; i++) expect((await login(email, `guess ${i}`)).status).toBe(401);
    const sixth = await login(email, 'the right one would not matter');
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { message: string }).message).toMatch(/Too many attempts/);
    for (let i = 0; i < 5; i++) expect((await login('ghost@default.test', `guess ${i}`)).status).toBe(401);
    expect((await login('ghost@default.test', 'again')).status).toBe(429);
  });

  it('counts the attempts made through every instance together', async () => {
    const second = await startTestApp(db.url);
    try {
      const email = 'spread@default.test';
      const through = (app: RunningApp, i: number) =>
        fetch(`${app.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: `guess ${i}` }),
        });
      for (let i = 0; i < 5; i++) expect((await through(i % 2 ? second : running, i)).status).toBe(401);
      expect((await through(second, 5)).status).toBe(429);
      expect((await through(running, 6)).status).toBe(429);
      const [row] = await running.sql.query(`SELECT count(*)::int AS n FROM login_throttle WHERE key ILIKE '%spread%'`);
      expect(row.n).toBe(0); // keys are hashes: no email in clear
    } finally {
      await second.close();
    }
  });
});
