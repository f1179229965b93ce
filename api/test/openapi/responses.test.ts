import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncRunsRepository } from '../../src/ads-sync/sync-runs.repository.js';
import { seedTwoCurrencies } from '../metrics/seed.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { fetchDocument, operations, schemaValidator, type OpenApiDocument, type Operation } from './openapi-support.js';

const SECRET = 'openapi-secret';
const VERIFY = 'openapi-verify-token';
const PAGE = '104857600000009';
const OTHER_PAGE = '104857600000777';

/** Values of the seeded world for the parameters an operation requires; path ids are found once seeded. */
const VALUES: Record<string, string> = {
  from: '2026-11-01',
  to: '2026-11-02',
  metric: 'newContacts',
  campaign: 'c_ad1',
  adset: 's_ad1',
  'hub.mode': 'subscribe',
  'hub.verify_token': VERIFY,
  'hub.challenge': '1158201444',
  format: 'pdf',
};

/** More calls for the answers' other shapes: comparison and significance, groups, paging, money series. */
const VARIANTS: Record<string, string[]> = {
  '/api/overview': ['compare=previous', 'compare=year&source=ADS'],
  '/api/campaigns': ['compare=previous&sort=conversionRate&order=asc'],
  '/api/adsets': ['compare=previous'],
  '/api/ads': ['compare=previous'],
  '/api/ref-links': ['compare=previous'],
  '/api/timeseries': [
    'groupBy=campaign&metric=spend',
    'interval=week&groupBy=ref',
    'metric=conversionRate&groupBy=source',
  ],
  '/api/funnel': ['by=campaign'],
  '/api/contacts': ['limit=1', 'source=SHORTLINK&converted=false'],
};

describe.each(databaseKinds)('the documented answers of every GET operation, on a seeded world, on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let document: OpenApiDocument;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE, META_VERIFY_TOKEN: VERIFY });
    await seedTwoCurrencies(running, PAGE, SECRET);
    await seedMore(running);
    document = await fetchDocument(running.baseUrl);
    const contacts = (await (await running.api('/api/contacts')).json()) as { rows: { id: string }[] };
    ids['/api/contacts/{id}'] = contacts.rows[0]!.id;
    const [{ workspace_id }] = await running.sql.query(`SELECT workspace_id FROM messenger_page WHERE page_id = $1`, [
      PAGE,
    ]);
    const run = await running.app.get(SyncRunsRepository).create({
      workspaceId: workspace_id,
      accountId: 'act_1',
      kind: 'backfill',
      since: '2026-10-01',
      until: '2026-11-02',
    });
    ids['/api/sync/runs/{id}'] = run.id;
    const link = await running.api('/api/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pageId: PAGE, ref: 'spring-qr', label: 'Spring poster', campaignTag: 'spring' }),
    });
    const { id: linkId } = (await link.json()) as { id: string };
    ids['/api/links/{id}/qr.png'] = linkId;
    ids['/api/links/{id}/qr.svg'] = linkId;
    const rule = await running.api('/api/conversion-rules', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'purchase', kind: 'payload', pattern: 'ORDER_*', value: 45, currency: 'EUR' }),
    });
    expect(rule.status).toBe(201);
    const report = await running.api('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ week: '2026-W45' }),
    });
    const { id: reportId } = (await report.json()) as { id: string };
    ids['/api/reports/{id}'] = reportId;
    ids['/api/reports/{id}/download'] = reportId;
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('answers each GET operation as its documented response schema says', async () => {
    const check = schemaValidator(document);
    const wrong: string[] = [];
    let calls = 0;
    for (const { path, method, operation } of operations(document)) {
      if (method !== 'get') continue;
      for (const extra of ['', ...(VARIANTS[path] ?? [])]) {
        const target = requestPath(path, operation, ids, extra);
        const res = await running.api(target);
        calls++;
        const documented = operation.responses[String(res.status)];
        const type = res.headers.get('content-type')?.split(';')[0] ?? '';
        const body = type === 'application/json' ? await res.json() : await res.text();
        if (!res.ok) wrong.push(`GET ${target}: ${res.status} ${JSON.stringify(body)}`);
        const schema = documented?.content?.[type]?.schema;
        if (!schema) {
          wrong.push(`GET ${target}: ${res.status} ${type} is not documented`);
          continue;
        }
        for (const error of check(schema, body)) wrong.push(`GET ${target}: ${error}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(25);
  });

  it('answers a refused request with the documented error shape', async () => {
    const check = schemaValidator(document);
    const errorSchema =
      document.paths['/api/overview']!['get']!.responses['400']!.content!['application/json']!.schema!;
    const bad = await running.api('/api/overview?from=2026-11-02&to=2026-11-01');
    expect(bad.status).toBe(400);
    expect(check(errorSchema, await bad.json())).toEqual([]);
    const anonymous = await fetch(`${running.baseUrl}/api/overview?from=2026-11-01&to=2026-11-02`);
    expect(anonymous.status).toBe(401);
    expect(check(errorSchema, await anonymous.json())).toEqual([]);
    const missing = await running.api(`/api/sync/runs/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(check(errorSchema, await missing.json())).toEqual([]);
  });
});

/** The request for an operation: seeded ids in the path, seeded values for its required query parameters, and `extra`. */
function requestPath(path: string, operation: Operation, ids: Record<string, string>, extra: string): string {
  let url = path;
  if (path.includes('{')) {
    if (!ids[path]) throw new Error(`GET ${path}: no seeded id for its path parameters: add one in beforeAll`);
    url = path.replace(/\{[^}]+\}/, encodeURIComponent(ids[path]));
  }
  const query = new URLSearchParams();
  for (const param of operation.parameters ?? []) {
    if (param.in !== 'query' || !param.required) continue;
    const value = VALUES[param.name];
    if (value === undefined) throw new Error(`GET ${path}: no seeded value for its required ${param.name}: add one`);
    query.set(param.name, value);
  }
  for (const [name, value] of new URLSearchParams(extra)) query.set(name, value);
  return query.size ? `${url}?${query}` : url;
}

/** Beyond seedTwoCurrencies: m.me-link contacts on both periods, an API token, a quarantined delivery. */
async function seedMore(running: RunningApp): Promise<void> {
  const at = (day: string) => Date.parse(`${day}T09:00:00Z`);
  const opening = (psid: string, day: string, page = PAGE) => ({
    sender: { id: psid },
    recipient: { id: page },
    timestamp: at(day),
    postback: {
      title: 'Get Started',
      payload: 'GET_STARTED',
      referral: { ref: 'spring-qr', source: 'SHORTLINK', type: 'OPEN_THREAD' },
    },
  });
  const deliver = async (page: string, messaging: object[]) => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: page, time: Date.now(), messaging }] });
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${running.baseUrl}/webhooks/messenger`, {
      method: 'POST',
      body,
      headers: { 'x-hub-signature-256': signature },
    });
    expect(res.status).toBe(200);
  };
  await deliver(PAGE, [
    opening('7312345600003001', '2026-10-30'),
    opening('7312345600003002', '2026-10-31'),
    opening('7312345600003003', '2026-11-01'),
    opening('7312345600003004', '2026-11-02'),
  ]);
  await deliver(OTHER_PAGE, [opening('7312345600003005', '2026-11-02', OTHER_PAGE)]);
  await processAllWebhooks(running);
  const token = await running.api('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'shop conversions', scope: 'write:conversions' }),
  });
  expect(token.status).toBe(201);
}
