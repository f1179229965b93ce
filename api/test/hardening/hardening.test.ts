import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// HTTP hardening does not depend on the database: one kind is enough
describe('HTTP hardening', () => {
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

  it("sends helmet's headers, with a policy that lets the dashboard run", async () => {
    for (const path of ['/api/health', '/']) {
      const res = await fetch(`${running.baseUrl}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('keeps CORS closed: no cross-origin caller is allowed', async () => {
    const preflight = await fetch(`${running.baseUrl}/api/health`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${running.baseUrl}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens CORS only to the origins CORS_ORIGINS names, with credentials', async () => {
    const open = await startTestApp(db.url, { CORS_ORIGINS: 'https://intranet.example.com, http://localhost:5173' });
    try {
      const preflight = await fetch(`${open.baseUrl}/api/overview`, {
        method: 'OPTIONS',
        headers: { origin: 'https://intranet.example.com', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://intranet.example.com');
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      const other = await fetch(`${open.baseUrl}/api/health`, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await open.close();
    }
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const login = (base: string, forwardedFor: string) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email: `proxy-${base.slice(-5)}@default.test`, password: 'wrong password' }),
      });
    // behind a trusted proxy, each client address has its own count
    const behind = await startTestApp(db.url, { TRUST_PROXY: 'loopback' });
    try {
      for (let i = 0; i < 5; i++) expect((await login(behind.baseUrl, '203.0.113.7')).status).toBe(401);
      expect((await login(behind.baseUrl, '203.0.113.7')).status).toBe(429);
      expect((await login(behind.baseUrl, '198.51.100.9')).status).toBe(401);
    } finally {
      await behind.close();
    }
    // not trusted (the default): the header is ignored, so changing it does not reset the count
    for (let i = 0; i < 5; i++) expect((await login(running.baseUrl, `203.0.113.${i}`)).status).toBe(401);
    expect((await login(running.baseUrl, '203.0.113.99')).status).toBe(429);
  });

  it('refuses a JSON body over 1 MB with 413 and a sentence', async () => {
    const res = await running.api('/api/conversions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/too large/i);
  });
});
