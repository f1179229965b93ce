import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMessaging, memberHeaders, startTestApp, tokenHeaders, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'rules-secret-1';
const PAGE = '104857600000051';
const T = Date.parse('2026-11-02T10:00:00Z');

type Rule = {
  id: string;
  name: string;
  kind: 'payload' | 'keyword';
  pattern: string;
  value: number | null;
  currency: string | null;
  createdAt: string;
  conversions: number;
};

describe.each(databaseKinds)('conversion rules (/api/conversion-rules) on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  const as: Record<string, Record<string, string>> = {};
  const call = (who: Record<string, string>, path: string, method = 'GET', body?: unknown) =>
    fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...who },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const create = async (body: object): Promise<Rule> => {
    const res = await call(as.admin!, '/api/conversion-rules', 'POST', body);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Rule;
  };
  const refusal = async (res: Response) => ({
    status: res.status,
    message: ((await res.json()) as { message: string }).message,
  });
  const person = (psid: string) => ({ sender: { id: psid }, recipient: { id: PAGE } });
  const conversions = () =>
    running.sql.query(
      `SELECT event_name, value::float8 AS value, currency, person_key IS NOT NULL AS person FROM conversion
       WHERE origin = 'rule' ORDER BY time, event_name`,
    ) as Promise<{ event_name: string; value: number | null; currency: string | null }[]>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    for (const role of ['viewer', 'analyst', 'admin'] as const)
      as[role] = await memberHeaders(running.app, { workspace: 'default', role });
    as.read = await tokenHeaders(running.app, { workspace: 'default', scope: 'read' });
    as.otherAdmin = await memberHeaders(running.app, { workspace: 'other', role: 'admin' });
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('creates, lists, changes and deletes a rule, each audited', async () => {
    const rule = await create({ name: 'purchase', kind: 'payload', pattern: 'ORDER_*', value: 45.5, currency: 'EUR' });
    expect(rule).toMatchObject({ name: 'purchase', kind: 'payload', pattern: 'ORDER_*', value: 45.5, currency: 'EUR' });
    expect(rule.conversions).toBe(0);
    const list = (await (await call(as.viewer!, '/api/conversion-rules')).json()) as Rule[];
    expect(list.map((r) => r.id)).toEqual([rule.id]);

    const changed = await call(as.admin!, `/api/conversion-rules/${rule.id}`, 'PATCH', { value: null, currency: null });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ id: rule.id, value: null, currency: null, pattern: 'ORDER_*' });

    const removed = await call(as.admin!, `/api/conversion-rules/${rule.id}`, 'DELETE');
    expect(removed.status).toBe(200);
    expect(await (await call(as.viewer!, '/api/conversion-rules')).json()).toEqual([]);
    expect((await call(as.admin!, `/api/conversion-rules/${rule.id}`, 'DELETE')).status).toBe(404);

    const audit = (await (await running.api('/api/audit')).json()) as {
      action: string;
      detail: Record<string, unknown>;
    }[];
    expect(audit.slice(0, 3).map((e) => e.action)).toEqual([
      'conversion_rule.deleted',
      'conversion_rule.updated',
      'conversion_rule.created',
    ]);
    expect(audit[1]!.detail).toMatchObject({ value: { from: 45.5, to: null }, currency: { from: 'EUR', to: null } });
  });

  it('answers a bad rule with a 400 naming the field', async () => {
    const cases: [object, RegExp][] = [
      [{ kind: 'payload', pattern: 'X' }, /^name: name is required/],
      [{ name: 'a', kind: 'regex', pattern: 'X' }, /^kind: kind must be payload .* or keyword/],
      [{ name: 'a', kind: 'keyword', pattern: '   ' }, /^pattern: pattern must not be empty/],
      [{ name: 'a', kind: 'payload', pattern: 'X', value: 10 }, /^currency: value and currency go together/],
      [{ name: 'a', kind: 'payload', pattern: 'X', currency: 'EUR' }, /^currency: value and currency go together/],
      [
        { name: 'a', kind: 'payload', pattern: 'X', value: 10, currency: 'eur' },
        /^currency: currency must be an ISO 4217 code/,
      ],
      [
        { name: 'a', kind: 'payload', pattern: 'X', value: 10, currency: 'XYZ' },
        /^currency: currency must be an ISO 4217 code/,
      ],
      [{ name: 'a', kind: 'payload', pattern: 'X', value: -1, currency: 'EUR' }, /^value: value must not be negative/],
      [{ name: 'a', kind: 'payload', pattern: 'X', extra: 1 }, /extra/],
    ];
    for (const [body, message] of cases) {
      const res = await refusal(await call(as.admin!, '/api/conversion-rules', 'POST', body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.message, JSON.stringify(body)).toMatch(message);
    }
    const rule = await create({ name: 'lead', kind: 'keyword', pattern: 'quote' });
    const half = await refusal(await call(as.admin!, `/api/conversion-rules/${rule.id}`, 'PATCH', { value: 5 }));
    expect(half).toEqual({ status: 400, message: expect.stringMatching(/^currency: value and currency go together/) });
    expect((await call(as.admin!, `/api/conversion-rules/not-a-uuid`, 'PATCH', { name: 'x' })).status).toBe(400);
    await call(as.admin!, `/api/conversion-rules/${rule.id}`, 'DELETE');
  });

  it('lets viewers and read tokens read, and only admins and above write', async () => {
    expect((await call(as.read!, '/api/conversion-rules')).status).toBe(200);
    expect((await call({}, '/api/conversion-rules')).status).toBe(401);
    const body = { name: 'x', kind: 'payload', pattern: 'X' };
    for (const who of ['viewer', 'analyst', 'read'])
      expect((await call(as[who]!, '/api/conversion-rules', 'POST', body)).status, who).toBe(403);
    const rule = await create(body);
    for (const who of ['viewer', 'analyst']) {
      expect((await call(as[who]!, `/api/conversion-rules/${rule.id}`, 'PATCH', { name: 'y' })).status).toBe(403);
      expect((await call(as[who]!, `/api/conversion-rules/${rule.id}`, 'DELETE')).status).toBe(403);
    }
    // another workspace's admin: the rule does not exist for them
    expect(await (await call(as.otherAdmin!, '/api/conversion-rules')).json()).toEqual([]);
    expect((await call(as.otherAdmin!, `/api/conversion-rules/${rule.id}`, 'PATCH', { name: 'y' })).status).toBe(404);
    expect((await call(as.otherAdmin!, `/api/conversion-rules/${rule.id}`, 'DELETE')).status).toBe(404);
    const [still] = (await (await call(as.viewer!, '/api/conversion-rules')).json()) as Rule[];
    expect(still).toMatchObject({ id: rule.id, name: 'x' });
    await call(as.admin!, `/api/conversion-rules/${rule.id}`, 'DELETE');
  });

  it('counts matching messages received after a rule is created, not those before', async () => {
    const send = (psid: string, at: number, item: object) =>
      deliverMessaging(running, {
        secret: SECRET,
        page: PAGE,
        messaging: [{ ...person(psid), timestamp: at, ...item }],
      });
    await send('7312345600000101', T, { postback: { title: 'Buy', payload: 'ORDER_1' } });
    expect(await conversions()).toEqual([]);

    const order = await create({ name: 'purchase', kind: 'payload', pattern: 'ORDER_*', value: 45, currency: 'EUR' });
    const booking = await create({ name: 'booking', kind: 'keyword', pattern: 'book a table' });
    await send('7312345600000102', T + 60_000, { postback: { title: 'Buy', payload: 'ORDER_42' } });
    await send('7312345600000103', T + 120_000, {
      message: { mid: 'm-rules-1', text: 'Hi! Can I BOOK a  table for two?' },
    });
    // not whole words, and a payload that does not match the glob
    await send('7312345600000104', T + 180_000, { message: { mid: 'm-rules-2', text: 'rebooking a tablet' } });
    await send('7312345600000105', T + 240_000, { postback: { title: 'Buy', payload: 'PREORDER_1' } });

    expect(await conversions()).toEqual([
      { event_name: 'purchase', value: 45, currency: 'EUR', person: true },
      { event_name: 'booking', value: null, currency: null, person: true },
    ]);
    const list = (await (await call(as.viewer!, '/api/conversion-rules')).json()) as Rule[];
    expect(list.map((r) => [r.id, r.conversions])).toEqual([
      [order.id, 1],
      [booking.id, 1],
    ]);
  });
});
