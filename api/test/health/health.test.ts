import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { appVersion } from '../../src/version.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';

describe.each(databaseKinds)('GET /api/health on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('answers 200 with db ok and the version', async () => {
    const res = await fetch(`${running.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', version: appVersion });
  });
});

describe('GET /api/health when the database stops answering', () => {
  let embedded: EmbeddedPostgres;
  let running: RunningApp;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres('memory');
    running = await startTestApp(embedded.url);
  });
  afterAll(async () => {
    await running?.close().catch(() => {});
  });

  it('answers 503 with db down', async () => {
    await embedded.close();
    const res = await fetch(`${running.baseUrl}/api/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', db: 'down', version: appVersion });
  });
});
