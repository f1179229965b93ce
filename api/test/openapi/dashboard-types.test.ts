import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTypesSource, typesFile } from '../../../dashboard/scripts/api-types-lib.mjs';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { fetchDocument } from './openapi-support.js';

// The dashboard's types come from the API's own document: a route, parameter or field that changes
// on one side only fails here (and dashboard/src/data/api-contract.ts fails the type check).
describe('the dashboard’s API types', () => {
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

  it('are generated from the OpenAPI document the API serves now (else run npm run api:types)', async () => {
    const generated = await apiTypesSource(await fetchDocument(running.baseUrl));
    const committed = readFileSync(typesFile, 'utf8');
    expect(committed === generated, 'dashboard/src/data/api-types.ts is stale: run npm run api:types').toBe(true);
  });
});
