import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { fetchDocument, operations, schemaValidator, type OpenApiDocument } from './openapi-support.js';

const PAGE = '104857600000009';
/** A well-formed id that names nothing: routes with a path parameter answer their documented 404. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Every operation but the GETs, sent its own documented request example: whatever it
 * answers (created, a documented 404 for an unknown account, a 409 once the first owner exists…)
 * must be a documented status, with a body that matches that status's schema.
 */
describe('every write operation, sent its documented request example', () => {
  let db: TestDatabase;
  let running: RunningApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    // Graph on a closed loopback port: a connection preview fails at once, and nothing leaves the machine
    running = await startTestApp(db.url, {
      META_APP_SECRET: 'openapi-secret',
      META_PAGE_IDS: PAGE,
      META_GRAPH_URL: 'http://127.0.0.1:9',
    });
    document = await fetchDocument(running.baseUrl);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('answers each with a documented status and body', async () => {
    const check = schemaValidator(document);
    const wrong: string[] = [];
    const answered: string[] = [];
    for (const { path, method, operation } of operations(document)) {
      if (method === 'get') continue;
      const example = operation.requestBody?.content['application/json']?.example;
      const url = path.replace(/\{[^}]+\}/g, UNKNOWN_ID);
      const init = {
        method: method.toUpperCase(),
        ...(example === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(example) }),
      };
      // public operations without credentials (a logout with the owner's cookie would end the session)
      const res = operation.security?.length
        ? await running.api(url, init)
        : await fetch(`${running.baseUrl}${url}`, init);
      const name = `${method.toUpperCase()} ${path}`;
      answered.push(`${name} ${res.status}`);
      const documented = operation.responses[String(res.status)];
      const text = await res.text();
      if (!documented) {
        wrong.push(`${name}: ${res.status} is not documented (${text})`);
        continue;
      }
      const type = res.headers.get('content-type')?.split(';')[0];
      if (!type) continue;
      const schema = documented.content?.[type]?.schema;
      if (!schema) wrong.push(`${name}: ${res.status} ${type} is not documented`);
      else
        for (const error of check(schema, type === 'application/json' ? JSON.parse(text) : text))
          wrong.push(`${name}: ${error}`);
    }
    expect(wrong).toEqual([]);
    // the examples that should work do: a token, a member, a conversion, settings, Send API answers
    expect(answered).toEqual(
      expect.arrayContaining([
        'POST /api/tokens 201',
        'POST /api/members 201',
        'POST /api/conversions 201',
        'POST /api/send-outcomes 201',
        'PATCH /api/workspace 200',
        'POST /api/conversion-rules 201',
        'POST /api/auth/logout 204',
        'DELETE /api/tokens/{id} 404',
      ]),
    );
  });
});
