import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('the API docs at /api/docs', () => {
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

  it('serves Swagger UI without credentials, under the app’s own CSP, its scripts from this origin', async () => {
    const res = await fetch(`${running.baseUrl}/api/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/<script>/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const init = await fetch(`${running.baseUrl}/api/docs/swagger-ui-init.js`);
    expect(init.status).toBe(200);
    expect(await init.text()).toContain('/api/overview');
  });

  it('serves the OpenAPI document without credentials at /api/docs.json', async () => {
    const res = await fetch(`${running.baseUrl}/api/docs.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: object };
    expect(doc.openapi).toBe('3.0.0');
    expect(Object.keys(doc.paths)).toContain('/api/overview');
    expect(doc.components).toMatchObject({
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ctm_session' },
        apiToken: { type: 'http', scheme: 'bearer' },
      },
    });
  });

  it('reads each operation’s access from its @Access rule', async () => {
    const doc = (await (await fetch(`${running.baseUrl}/api/docs.json`)).json()) as {
      paths: Record<string, Record<string, { security: object[]; 'x-access'?: object; description: string }>>;
    };
    expect(doc.paths['/api/overview']!['get']).toMatchObject({
      security: [{ session: [] }, { apiToken: [] }],
      'x-access': { role: 'viewer', tokenScopes: ['read', 'admin'], server: false },
    });
    expect(doc.paths['/api/tokens']!['post']!.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/conversions']!['post']!.description).toContain('`write:conversions` or `admin`');
    expect(doc.paths['/api/health']!['get']!.security).toEqual([]);
  });
});
