import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes } from '../../src/openapi/routes.js';
import { openApiSchema } from '../../src/openapi/zod-schema.js';
import { routeTable, type Route } from '../support/route-table.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { fetchDocument, operations, schemaValidator, type OpenApiDocument } from './openapi-support.js';

/** A route of the app's route table as the document names it: GET /api/contacts/{id}. */
const docPath = (route: Route) => route.path.replace(/:([A-Za-z_]+)/g, '{$1}');

describe('the OpenAPI document covers every route of the application', () => {
  let db: TestDatabase;
  let running: RunningApp;
  let document: OpenApiDocument;
  let routes: Route[];

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    running = await startTestApp(db.url);
    document = await fetchDocument(running.baseUrl);
    routes = routeTable(running.app);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('lists each route of the route table, and nothing else', () => {
    const inTable = routes.map((r) => `${r.method} ${docPath(r)}`).sort();
    const inDocument = operations(document)
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`)
      .sort();
    expect(inDocument).toEqual(inTable);
    expect(inTable.length).toBeGreaterThan(30);
  });

  it('gives each operation a summary, its path parameters, a success answer with an example, and its access', () => {
    const missing: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      const op = document.paths[docPath(route)]?.[route.method.toLowerCase()];
      if (!op) continue; // the test above names it
      if (!op.summary) missing.push(`${name}: no summary (add @ApiDoc)`);
      for (const [, param] of route.path.matchAll(/:([A-Za-z_]+)/g))
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === param && p.required))
          missing.push(`${name}: path parameter ${param} undocumented`);
      const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      const exemplified = successes.some(
        ([status, r]) => status === '204' || Object.values(r.content ?? {}).some((m) => m.example !== undefined),
      );
      if (!exemplified) missing.push(`${name}: no success answer with an example`);
      if (route.access.kind === 'rule') {
        for (const status of ['401', '403'])
          if (!op.responses[status]) missing.push(`${name}: no ${status} answer although it needs credentials`);
        if (!op.security?.length) missing.push(`${name}: no security requirement`);
      }
      if (route.path.includes(':') && !op.responses['404']) missing.push(`${name}: no 404 answer`);
    }
    expect(missing).toEqual([]);
  });

  it('documents each parameter its zod schemas validate, and a 400 where they can refuse', () => {
    const missing: string[] = [];
    for (const route of documentedRoutes(running.app)) {
      const op = document.paths[route.path]![route.method]!;
      for (const arg of route.args) {
        const name = `${route.method.toUpperCase()} ${route.path}`;
        if (arg.in === 'body') {
          if (!op.requestBody?.content['application/json']?.schema) missing.push(`${name}: body undocumented`);
          continue;
        }
        const names = arg.name
          ? [arg.name]
          : Object.keys(arg.schema ? (openApiSchema(arg.schema, 'input').properties ?? {}) : {});
        for (const param of names)
          if (!op.parameters?.some((p) => p.in === arg.in && p.name === param))
            missing.push(`${name}: ${arg.in} parameter ${param} undocumented`);
        if (arg.schema && !op.responses['400']) missing.push(`${name}: no 400 answer`);
      }
    }
    expect(missing).toEqual([]);
    const overview = document.paths['/api/overview']!['get']!;
    expect(overview.parameters?.filter((p) => p.required).map((p) => p.name)).toEqual(['from', 'to']);
    expect(overview.responses['400']!.content!['application/json']!.example).toEqual({
      statusCode: 400,
      message: 'from: is required: the first day, as YYYY-MM-DD',
      error: 'Bad Request',
    });
  });

  it('has examples that match their own schemas', () => {
    const check = schemaValidator(document);
    const wrong: string[] = [];
    for (const { path, method, operation } of operations(document)) {
      const media = [
        ...Object.entries(operation.requestBody?.content ?? {}).map(([type, m]) => [`request ${type}`, m] as const),
        ...Object.entries(operation.responses).flatMap(([status, r]) =>
          Object.entries(r.content ?? {}).map(([type, m]) => [`${status} ${type}`, m] as const),
        ),
      ];
      for (const [what, { schema, example }] of media) {
        if (!schema || example === undefined) continue;
        for (const error of check(schema, example)) wrong.push(`${method.toUpperCase()} ${path} ${what}: ${error}`);
      }
      for (const param of operation.parameters ?? [])
        if (param.schema && param.example !== undefined)
          for (const error of check(param.schema, param.example))
            wrong.push(`${method.toUpperCase()} ${path} parameter ${param.name}: ${error}`);
    }
    expect(wrong).toEqual([]);
  });
});
