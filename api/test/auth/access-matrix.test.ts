import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../../src/app.module.js';
import { allows, type AccessRule, type Grant, type Role, type TokenScope } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/config/config.js';
import { expressRoutes, fillPath, routeTable, type Route } from '../support/route-table.js';
import { memberHeaders, tokenHeaders } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

/** A route someone forgot to declare: it must be refused to everyone, owners included. */
@Controller('api/test-undeclared')
class UndeclaredController {
  @Get()
  get() {
    return { leaked: true };
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

type Credential = { name: string; grant?: Grant; headers: Record<string, string> };

const ROLES: Role[] = ['viewer', 'analyst', 'admin', 'owner'];
const SCOPES: TokenScope[] = ['read', 'write:conversions', 'admin'];
const ANY_ID = '00000000-0000-4000-8000-000000000000';

/** What each credential should get: 401 with none, 403 when short, anything else when allowed. */
function expected(route: Route, credential: Credential): 401 | 403 | 'allowed' {
  if (route.access.kind === 'public' || route.access.kind === 'signature') return 'allowed';
  if (route.access.kind === 'undeclared') return 403;
  if (!credential.grant) return 401;
  return allows(route.access.rule, credential.grant) ? 'allowed' : 403;
}

describe.each(databaseKinds)('the authorization matrix, generated from the route table, on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let routes: Route[];
  const credentials: Credential[] = [{ name: 'no credentials', headers: {} }];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DEMO: 'off',
      SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
      SYNC_HOURLY_CRON: 'off',
      SYNC_DAILY_CRON: 'off',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ config, databaseUrl: db.url, serveDashboard: false }), UndeclaredModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    routes = routeTable(app);
    for (const role of ROLES) {
      credentials.push({
        name: `${role} session`,
        grant: { kind: 'session', role, highestRole: role },
        headers: await memberHeaders(app, { workspace: 'acme', role }),
      });
    }
    for (const scope of SCOPES) {
      const { tokenId: _, ...headers } = await tokenHeaders(app, { workspace: 'acme', scope });
      credentials.push({ name: `${scope} token`, grant: { kind: 'token', scope }, headers });
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('covers every route Express serves', () => {
    const fromTable = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(fromTable).toEqual(expressRoutes(app));
    expect(fromTable).toContain('POST /api/conversions');
    expect(fromTable.length).toBeGreaterThan(10);
  });

  it('has an access declaration on every application route (only the test route is undeclared)', () => {
    const undeclared = routes.filter((r) => r.access.kind === 'undeclared').map((r) => r.path);
    expect(undeclared).toEqual(['/api/test-undeclared']);
    const publicRoutes = routes.filter((r) => r.access.kind === 'public').map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/auth/first-run',
      'GET /api/health',
      'POST /api/auth/first-run',
      'POST /api/auth/login',
      'POST /api/auth/logout',
    ]);
    const outsideApi = routes.filter((r) => !r.path.startsWith('/api/')).map((r) => [r.path, r.access.kind]);
    expect(outsideApi).toEqual([
      ['/webhooks/messenger', 'signature'],
      ['/webhooks/messenger', 'signature'],
    ]);
  });

  it('pins the rules of the sensitive routes', () => {
    const rule = (method: string, path: string) =>
      (routes.find((r) => r.method === method && r.path === path)?.access as { rule?: AccessRule }).rule;
    expect(rule('POST', '/api/sync')).toMatchObject({ role: 'admin' });
    expect(rule('POST', '/api/conversions')).toMatchObject({
      role: 'admin',
      tokenScopes: ['write:conversions', 'admin'],
    });
    expect(rule('POST', '/api/send-outcomes')).toMatchObject({
      role: 'admin',
      tokenScopes: ['write:conversions', 'admin'],
    });
    expect(rule('GET', '/api/audit')).toMatchObject({ role: 'owner', tokenScopes: [] });
    expect(rule('POST', '/api/tokens')).toMatchObject({ role: 'admin', tokenScopes: [] });
    expect(rule('GET', '/api/admin/webhook-quarantine')).toMatchObject({ role: 'owner', server: true });
  });

  it('answers every route × credential as declared: 401 without credentials, 403 when short', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const route of routes) {
      if (route.access.kind === 'signature') continue;
      // public routes are called without credentials only (a logout with a credential would end it)
      const who = route.access.kind === 'public' ? credentials.slice(0, 1) : credentials;
      for (const credential of who) {
        const res = await fetch(`${base}${fillPath(route.path, ANY_ID)}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...credential.headers },
          body: route.method === 'GET' ? undefined : '{}',
        });
        await res.arrayBuffer();
        calls++;
        const want = expected(route, credential);
        const ok = want === 'allowed' ? res.status !== 401 && res.status !== 403 : res.status === want;
        if (!ok) failures.push(`${route.method} ${route.path} as ${credential.name}: ${res.status}, expected ${want}`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(routes.length * 5);
  });
});
