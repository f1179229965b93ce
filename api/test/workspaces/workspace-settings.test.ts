import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMessaging, memberHeaders, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'settings-secret-1';
const PAGE = '104857600000061';
const PSID = '7312345600000201';
const DAY = 86_400_000;
/** 23:30 UTC: still 2 November in UTC, already 3 November in Madrid (UTC+1). */
const T = Date.parse('2026-11-02T23:30:00Z');

type Settings = {
  name: string;
  timeZone: string;
  attributionModel: string;
  attributionWindowDays: number;
  blockRateThreshold: number;
  blockRateMinContacts: number;
  recomputing: boolean;
  notice?: string | null;
};

describe.each(databaseKinds)('workspace settings (/api/workspace) on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let viewer: Record<string, string>;
  const patch = (body: object, who?: Record<string, string>) =>
    fetch(`${running.baseUrl}/api/workspace`, {
      method: 'PATCH',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(who ?? running.authHeaders) },
    });
  const settings = async () => (await (await running.api('/api/workspace')).json()) as Settings;
  /** The recompute runs in the background: GET answers recomputing: false once it is over. */
  const recomputed = async () => {
    for (let i = 0; i < 600 && (await settings()).recomputing; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await settings()).recomputing).toBe(false);
  };
  const observed = () =>
    running.sql.query(
      `SELECT day::text AS day, source, sum(new_contacts)::int AS "newContacts", sum(conversions)::int AS conversions
       FROM observed_daily GROUP BY day, source HAVING sum(new_contacts) <> 0 OR sum(conversions) <> 0 ORDER BY day, source`,
    );
  const credits = () => running.sql.query(`SELECT credited_source AS source FROM conversion WHERE origin = 'rule'`);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, { META_APP_SECRET: SECRET, META_PAGE_IDS: PAGE });
    viewer = await memberHeaders(running.app, { workspace: 'default', role: 'viewer' });
    const rule = await running.api('/api/conversion-rules', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'purchase', kind: 'payload', pattern: 'PURCHASE' }),
    });
    expect(rule.status).toBe(201);
    const person = { sender: { id: PSID }, recipient: { id: PAGE } };
    // opened from an m.me link at 23:30 UTC, re-engaged by an ad two days later, bought the day after
    await deliverMessaging(running, {
      secret: SECRET,
      page: PAGE,
      messaging: [
        {
          ...person,
          timestamp: T,
          postback: {
            title: 'Get Started',
            payload: 'GET_STARTED',
            referral: { ref: 'spring', source: 'SHORTLINK', type: 'OPEN_THREAD' },
          },
        },
        {
          ...person,
          timestamp: T + 2 * DAY,
          referral: { ad_id: '23850000000000061', source: 'ADS', type: 'OPEN_THREAD' },
        },
        { ...person, timestamp: T + 3 * DAY, postback: { title: 'Buy now', payload: 'PURCHASE' } },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('gives every setting to viewers, and lets only admins change them', async () => {
    const res = await fetch(`${running.baseUrl}/api/workspace`, { headers: viewer });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      timeZone: 'UTC',
      attributionModel: 'first_touch',
      attributionWindowDays: 7,
      blockRateThreshold: 0.05,
      blockRateMinContacts: 30,
      recomputing: false,
    });
    expect((await patch({ timeZone: 'Europe/Madrid' }, viewer)).status).toBe(403);
    const analyst = await memberHeaders(running.app, { workspace: 'default', role: 'analyst' });
    expect((await patch({ attributionModel: 'last_touch' }, analyst)).status).toBe(403);
    expect((await settings()).timeZone).toBe('UTC');
  });

  it('answers a bad setting with a 400 naming the field', async () => {
    const cases: [object, RegExp][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, /^timeZone: timeZone must be an IANA time zone such as Europe\/Madrid/],
      [{ timeZone: '+02:00' }, /^timeZone: timeZone must be an IANA time zone/],
      [{ timeZone: 42 }, /^timeZone: timeZone must be an IANA time zone/],
      [{ attributionModel: 'linear' }, /^attributionModel: attributionModel must be first_touch .* or last_touch/],
      [{ attributionWindowDays: 0 }, /^attributionWindowDays: .*between 1 and 90/],
      [{ attributionWindowDays: 91 }, /^attributionWindowDays: .*between 1 and 90/],
      [{ attributionWindowDays: 7.5 }, /^attributionWindowDays: .*whole number/],
      [{}, /at least one of name, .*timeZone/],
    ];
    for (const [body, message] of cases) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { message: string }).message, JSON.stringify(body)).toMatch(message);
    }
  });

  it('changes the name and block-rate settings without recomputing anything', async () => {
    const res = await patch({ name: 'Casa Verde', blockRateThreshold: 0.1, blockRateMinContacts: 50 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: 'Casa Verde',
      blockRateThreshold: 0.1,
      blockRateMinContacts: 50,
      recomputing: false,
      notice: null,
    });
  });

  it('re-dates the daily figures when the time zone changes: a contact at 23:30 UTC moves a day', async () => {
    expect(await observed()).toEqual([
      { day: '2026-11-02', source: 'SHORTLINK', newContacts: 1, conversions: 0 },
      { day: '2026-11-05', source: 'SHORTLINK', newContacts: 0, conversions: 1 },
    ]);
    const res = await patch({ timeZone: 'Europe/Madrid' });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Settings;
    expect(answer.timeZone).toBe('Europe/Madrid');
    expect(answer.notice).toMatch(
      /^Figures are being recomputed in the background: days are now counted in Europe\/Madrid/,
    );
    await recomputed();
    expect(await observed()).toEqual([
      { day: '2026-11-03', source: 'SHORTLINK', newContacts: 1, conversions: 0 },
      { day: '2026-11-06', source: 'SHORTLINK', newContacts: 0, conversions: 1 },
    ]);
    // the figures API reads the new day too
    const overview = (await (await running.api('/api/overview?from=2026-11-02&to=2026-11-03')).json()) as {
      series: { day: string; newContacts: number }[];
    };
    expect(overview.series.map((d) => [d.day, d.newContacts])).toEqual([
      ['2026-11-02', 0],
      ['2026-11-03', 1],
    ]);
    const cohorts = await running.sql.query(
      `SELECT day::text AS day, sum(contacts)::int AS n FROM cohort_daily GROUP BY day HAVING sum(contacts) <> 0`,
    );
    expect(cohorts).toEqual([{ day: '2026-11-03', n: 1 }]);
    const audit = (await (await running.api('/api/audit')).json()) as { action: string; detail: unknown }[];
    expect(audit[0]).toMatchObject({
      action: 'workspace.updated',
      detail: { timeZone: { from: 'UTC', to: 'Europe/Madrid' } },
    });
  });

  it('credits every conversion again when the attribution model or window changes', async () => {
    expect(await credits()).toEqual([{ source: 'SHORTLINK' }]);
    const res = await patch({ attributionModel: 'last_touch' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Settings).notice).toMatch(
      /credited again to the latest touch before it \(last touch\) within 7 days/,
    );
    await recomputed();
    expect(await credits()).toEqual([{ source: 'ADS' }]);
    expect(await observed()).toEqual([
      { day: '2026-11-03', source: 'SHORTLINK', newContacts: 1, conversions: 0 },
      { day: '2026-11-06', source: 'ADS', newContacts: 0, conversions: 1 },
    ]);
    // first touch in 2 days: the link that opened the conversation lies 3 days before the purchase, so nothing is credited
    await patch({ attributionModel: 'first_touch', attributionWindowDays: 2 });
    await recomputed();
    expect(await credits()).toEqual([{ source: null }]);
    expect(await settings()).toMatchObject({
      attributionModel: 'first_touch',
      attributionWindowDays: 2,
      timeZone: 'Europe/Madrid',
    });
  });
  it('re-dates and re-credits in one change, in that order', async () => {
    const res = await patch({ timeZone: 'America/New_York', attributionModel: 'last_touch', attributionWindowDays: 7 });
    expect(((await res.json()) as Settings).notice).toMatch(
      /counted in America\/New_York.*, and every conversion is credited again/,
    );
    await recomputed();
    // 23:30 UTC is 18:30 in New York (UTC−5 after 1 November): back on 2 November, the purchase on 5 November
    expect(await observed()).toEqual([
      { day: '2026-11-02', source: 'SHORTLINK', newContacts: 1, conversions: 0 },
      { day: '2026-11-05', source: 'ADS', newContacts: 0, conversions: 1 },
    ]);
    const cohorts = await running.sql.query(
      `SELECT day::text AS day, sum(contacts)::int AS n FROM cohort_daily GROUP BY day HAVING sum(contacts) <> 0`,
    );
    expect(cohorts).toEqual([{ day: '2026-11-02', n: 1 }]);
  });
});
