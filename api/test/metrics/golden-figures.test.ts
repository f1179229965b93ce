import { createWorld, startGraphServer, startWebhookSender, type GraphServer } from '@ctm/meta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedFigures,
  figuresBy,
  payloadLedger,
  RULES,
  type Expected,
  type Figures,
} from '../support/golden-figures.js';
import { processAllWebhooks, startTestApp, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';

const SECRET = 'golden-secret';
const VERIFY = 'golden-verify';
const DAY = 86_400_000;
const END = '2025-06-30';
// `small` (45 days, 2 pages, 2 ad accounts, ~3,400 contacts, ~44,000 events): set up in about 15 s on
// PostgreSQL and 30 s on PGlite with the 2 cores shared; enough people for every rule to apply many times
const world = createWorld({ seed: 7, size: 'small', endDate: END });
// the sender's default span: the whole world, from its first day, so no thread opened before it
const SPAN = { from: Date.parse(`${END}T00:00:00Z`) + DAY - 400 * DAY, to: Date.parse(`${END}T00:00:00Z`) + DAY };
// Meta's figures as pulled two and a half days after the world's end, mid-day in both accounts' zones
const PULLED_AT = SPAN.to + 2.5 * DAY;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
// every day the world touches, in any zone
const RANGE = { from: day(SPAN.to - 47 * DAY), to: day(SPAN.to + DAY) };
const Q = `from=${RANGE.from}&to=${RANGE.to}`;
// not UTC, so a contact's day is the workspace's, not the payload's
const TIME_ZONE = 'Asia/Tokyo';
// the world's conversion buttons (meta-sim render.ts): "Buy now" and "Get a quote"
const RULE_ROWS = [
  { name: 'purchase', pattern: 'PURCHASE' },
  { name: 'lead', pattern: 'LEAD' },
];

type Figure = { value: number | null };
type Row = { metrics: Record<string, Figure> };
/** Figures by row (a ref, a source, a campaign, an ad, a day), then by column. */
type Grid = Record<string, Record<string, number | null | undefined>>;
type Section = { title: string; expected: Grid; served: Grid; byDay?: boolean };

const expected: Expected = expectedFigures(world.truth(), payloadLedger(world, SPAN.from, SPAN.to), TIME_ZONE);
const campaignOf = new Map(
  world.accounts.flatMap((a) => [...world.ads(a.id)].map((ad) => [ad.id, ad.campaignId] as const)),
);
const meta = metaFigures();

describe.each(databaseKinds)('golden figures of a small world on %s', (kind) => {
  let db: TestDatabase;
  let graph: GraphServer;
  let running: RunningApp;
  const sections: Section[] = [];

  beforeAll(async () => {
    const timings: string[] = [];
    const timed = async (what: string, step: () => Promise<void>) => {
      const t = Date.now();
      await step();
      timings.push(`${what} ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    db = await createTestDatabase(kind);
    const t0 = Date.now();
    graph = await startGraphServer(world, { now: () => PULLED_AT + (Date.now() - t0) });
    running = await startTestApp(db.url, {
      META_APP_SECRET: SECRET,
      META_VERIFY_TOKEN: VERIFY,
      META_PAGE_IDS: world.pages.map((p) => p.id).join(','),
      META_ACCESS_TOKEN: world.systemUserToken,
      META_AD_ACCOUNT_IDS: world.accounts.map((a) => a.id).join(','),
      META_GRAPH_URL: graph.url,
    });
    const { sql } = running;
    const [{ workspace_id }] = await sql.query(`SELECT DISTINCT workspace_id FROM messenger_page`);
    await sql.query(`UPDATE workspace SET time_zone = $2 WHERE id = $1`, [workspace_id, TIME_ZONE]);
    for (const rule of RULE_ROWS)
      await sql.query(
        `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, $2, 'payload', $3)`,
        [workspace_id, rule.name, rule.pattern],
      );
    await timed('webhooks', playWebhooks);
    await timed('orders', reportOrders);
    await timed('Send API answers', messageContacts);
    await timed('ads sync', syncAds);
    console.log(`${kind}: ${timings.join(', ')}`);
  }, 180_000);
  afterAll(async () => {
    if (sections.length) console.log(`${kind}: expected vs served\n${sections.map(formatSection).join('\n')}`);
    await running?.close();
    await graph?.close();
    await db?.drop();
  });

  const get = async <T>(path: string): Promise<T> => {
    const res = await running.api(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  /** Keeps the figures for the printed table, and compares them. */
  const check = (title: string, want: Grid, got: Grid, byDay = false) => {
    sections.push({ title, expected: want, served: got, byDay });
    expect(got, title).toEqual(want);
  };

  it('GET /api/ref-links: per ref, new and re-engaged contacts, replies, conversions and blocks', async () => {
    type Trend = { day: string; newContacts: number; conversions: number }[];
    type RefRows = { rows: (Row & { source: string; ref: string; trend: Trend })[] };
    const byRef = (pageId?: string) =>
      grid(
        figuresBy(expected, (c) =>
          c.ref && (!pageId || c.pageId === pageId) ? `${refSource(c.source)} ${c.ref}` : undefined,
        ),
      );
    const served = (body: RefRows) => Object.fromEntries(body.rows.map((r) => [`${r.source} ${r.ref}`, countsOf(r)]));
    const all = await get<RefRows>(`/api/ref-links?${Q}`);
    check('GET /api/ref-links', byRef(), served(all));
    const trends = all.rows.map((r) => [
      `${r.source} ${r.ref}`,
      Object.fromEntries(r.trend.map(({ day, ...n }) => [day, n])),
    ]);
    expect(Object.fromEntries(trends)).toEqual(refTrends());
    for (const page of world.pages)
      expect(served(await get<RefRows>(`/api/ref-links?${Q}&page=${page.id}`)), page.id).toEqual(byRef(page.id));
  });

  it('GET /api/overview: the observed figures, revenue per currency, and new contacts day by day', async () => {
    type Overview = {
      observed: Record<string, Figure>;
      byCurrency: ({ currency: string } & Row)[];
      series: { day: string; newContacts: number }[];
    };
    const body = await get<Overview>(`/api/overview?${Q}`);
    check('GET /api/overview', grid(figuresBy(expected, () => 'observed')), {
      observed: countsOf({ metrics: body.observed }),
    });
    const revenue: Grid = {};
    for (const o of expected.orders.filter((o) => o.counted))
      revenue[o.currency] = { revenue: cents((revenue[o.currency]?.revenue ?? 0) + o.value) };
    const served = body.byCurrency.map((c) => [c.currency, { revenue: cents(c.metrics['revenue']?.value ?? 0) }]);
    check('GET /api/overview revenue', revenue, Object.fromEntries(served));
    expect(Object.fromEntries(body.series.map((d) => [d.day, { newContacts: d.newContacts }]))).toEqual(daily());
  });

  it('GET /api/timeseries: new contacts per day', async () => {
    const body = await get<{ series: { group: string | null; points: { period: string; value: number | null }[] }[] }>(
      `/api/timeseries?metric=newContacts&interval=day&${Q}`,
    );
    expect(body.series.map((s) => s.group)).toEqual([null]);
    const served = Object.fromEntries(body.series[0]!.points.map((p) => [p.period, { newContacts: p.value }]));
    check('GET /api/timeseries?metric=newContacts&interval=day', daily(), served, true);
  });

  it('GET /api/funnel: the observed stages per source and per campaign, Meta’s stages of the ads', async () => {
    type Funnel = { rows: { key: string; stages: Record<string, number | null> }[] };
    const stages = (body: Funnel, names: string[]) =>
      Object.fromEntries(body.rows.map((r) => [r.key, pick(r.stages, names)]));
    const observed = ['newContacts', 'replied', 'converted'];
    const bySource = await get<Funnel>(`/api/funnel?${Q}&by=source`);
    // a source with nothing at any stage is not a row (UNCREDITED only files conversions)
    const want = Object.fromEntries(
      Object.entries(
        grid(
          figuresBy(expected, (c) => c.source),
          ['newContacts', 'replied', 'converted'],
        ),
      ).filter(([, counts]) => Object.values(counts).some((n) => (n ?? 0) > 0)),
    );
    check('GET /api/funnel?by=source (observed stages)', want, stages(bySource, observed));
    const ads = bySource.rows.find((r) => r.key === 'ADS')!;
    expect(pick(ads.stages, ['clicks', 'conversationsStarted'])).toEqual(meta.total);
    const byCampaign = await get<Funnel>(`/api/funnel?${Q}&by=campaign`);
    check(
      'GET /api/funnel?by=campaign',
      campaigns(),
      stages(byCampaign, ['clicks', 'conversationsStarted', 'newContacts']),
    );
  });

  it('GET /api/campaigns: observed new contacts and Meta’s conversations started per campaign', async () => {
    const body = await get<{ rows: (Row & { id: string })[] }>(`/api/campaigns?${Q}`);
    const columns = ['clicks', 'conversationsStarted', 'newContacts'];
    const served = Object.fromEntries(
      body.rows.map((r) => [r.id, Object.fromEntries(columns.map((c) => [c, r.metrics[c]?.value]))]),
    );
    check('GET /api/campaigns', campaigns(), served);
  });

  it('GET /api/reconciliation: Meta’s conversations started against observed contacts, per ad', async () => {
    type Recon = {
      rows: { key: string; metaConversationsStarted: number; observedNewContacts: number; observedReengaged: number }[];
    };
    const body = await get<Recon>(`/api/reconciliation?${Q}`);
    const observed = figuresBy(expected, (c) => (c.source === 'ADS' && c.adId ? c.adId : undefined));
    const want: Grid = {};
    for (const ad of new Set([...observed.keys(), ...meta.startedByAd.keys()]))
      want[ad] = {
        metaConversationsStarted: meta.startedByAd.get(ad) ?? 0,
        observedNewContacts: observed.get(ad)?.newContacts ?? 0,
        observedReengaged: observed.get(ad)?.reengaged ?? 0,
      };
    const served = Object.fromEntries(
      body.rows.map(({ key, ...counts }) => [key, pick(counts, Object.keys(want[key] ?? counts))]),
    );
    check('GET /api/reconciliation', want, served);
  });

  it('states every rule by which the served figures differ from the world', () => {
    const lines = [...expected.rules].map(([rule, n]) => `  ${String(n).padStart(5)}  ${RULES[rule]}`);
    console.log(`${kind}: knowability rules applied to the expected figures\n${lines.join('\n')}`);
    expect(expected.contacts.length).toBeGreaterThan(3000);
    for (const rule of ['adNoReferral', 'comment', 'legacyCode', 'pluginSplit', 'guestBlock'] as const)
      expect(expected.rules.get(rule), rule).toBeGreaterThan(0);
  });

  async function playWebhooks(): Promise<void> {
    const sender = startWebhookSender(world, {
      url: `${running.baseUrl}/webhooks/messenger`,
      appSecret: SECRET,
      verifyToken: VERIFY,
      clock: 'fast',
      tickMs: 60 * 60_000,
    });
    expect((await sender.handshake()).ok).toBe(true);
    const stats = await sender.run();
    expect(stats.failures).toBe(0);
    await processAllWebhooks(running);
  }

  /** What the business's shop does: report each order with its value, by the buyer's PSID. */
  async function reportOrders(): Promise<void> {
    await inParallel(expected.orders, async (o, i) => {
      const res = await post('/api/conversions', {
        page: o.pageId,
        psid: o.psid,
        event: o.kind,
        value: o.value,
        currency: o.currency,
        time: new Date(o.at).toISOString(),
        idempotencyKey: `order-${i}`,
      });
      expect(res.status).toBe(201);
    });
  }

  /**
   * What the business's bot does at the end: message PSIDs the webhooks showed, and report the Send
   * API's answers. Only a 551 changes a figure, so it messages everyone who blocked and every eighth
   * other person (a sample that must stay reachable): messaging all 3,300 took 40 s on PGlite.
   */
  async function messageContacts(): Promise<void> {
    const tokens = new Map(world.pages.map((p) => [p.id, p.accessToken]));
    const recipients = expected.psids.filter((p, i) => p.blocked || i % 8 === 0);
    await inParallel(recipients, async ({ pageId, psid }) => {
      const sent = await fetch(`${graph.url}/v24.0/${pageId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          access_token: tokens.get(pageId),
          recipient: { id: psid },
          messaging_type: 'MESSAGE_TAG',
          tag: 'ACCOUNT_UPDATE',
          message: { text: 'Your account was updated.' },
        }),
      });
      const answer = (await sent.json()) as { error?: unknown };
      const res = await post('/api/send-outcomes', {
        page: pageId,
        psid,
        time: new Date(PULLED_AT).toISOString(),
        error: answer.error ?? null,
        idempotencyKey: `bot-${pageId}-${psid}`,
      });
      expect(res.status).toBe(201);
    });
  }

  /** A backfill of every ad account over the range, through POST /api/sync, until each run ends. */
  async function syncAds(): Promise<void> {
    for (const account of world.accounts) {
      const res = await post('/api/sync', { account: account.id, since: RANGE.from, until: RANGE.to });
      expect(res.status).toBe(202);
      const { runId } = (await res.json()) as { runId: string };
      let run: { status: string; error: string | null } = { status: 'queued', error: null };
      for (let i = 0; i < 600 && !['succeeded', 'failed'].includes(run.status); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        run = await get(`/api/sync/runs/${runId}`);
      }
      expect(run).toMatchObject({ status: 'succeeded', error: null });
    }
  }

  function post(path: string, body: unknown): Promise<Response> {
    return running.api(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
});

/** Meta's side: the simulator's insights for the range, as pulled at PULLED_AT. */
function metaFigures() {
  const byCampaign = new Map<string, { clicks: number; conversationsStarted: number }>();
  const startedByAd = new Map<string, number>();
  const total = { clicks: 0, conversationsStarted: 0 };
  for (const account of world.accounts)
    for (const r of world.insights({
      accountId: account.id,
      level: 'ad',
      since: RANGE.from,
      until: RANGE.to,
      timeIncrement: 1,
      pulledAt: new Date(PULLED_AT),
    })) {
      const started = Number(
        r.actions?.find((a) => a.action_type === 'onsite_conversion.messaging_conversation_started_7d')?.value ?? 0,
      );
      const c = byCampaign.get(r.campaign_id) ?? { clicks: 0, conversationsStarted: 0 };
      c.clicks += Number(r.clicks);
      c.conversationsStarted += started;
      byCampaign.set(r.campaign_id, c);
      startedByAd.set(r.ad_id, (startedByAd.get(r.ad_id) ?? 0) + started);
      total.clicks += Number(r.clicks);
      total.conversationsStarted += started;
    }
  return { byCampaign, startedByAd, total };
}

/** Per campaign: Meta's clicks and conversations started, and the new contacts its ads brought. */
function campaigns(): Grid {
  const observed = figuresBy(expected, (c) => (c.adId ? campaignOf.get(c.adId) : undefined));
  const out: Grid = {};
  for (const id of new Set([...observed.keys(), ...meta.byCampaign.keys()]))
    out[id] = {
      ...(meta.byCampaign.get(id) ?? { clicks: 0, conversationsStarted: 0 }),
      newContacts: observed.get(id)?.newContacts ?? 0,
    };
  return out;
}

/** The days of the range. */
function rangeDays(): string[] {
  const days: string[] = [];
  for (let t = Date.parse(RANGE.from); t <= Date.parse(RANGE.to); t += DAY) days.push(day(t));
  return days;
}

/** New contacts per day of the range in the workspace's zone, zero on days without any. */
function daily(): Grid {
  const out: Grid = Object.fromEntries(rangeDays().map((d) => [d, { newContacts: 0 }]));
  for (const c of expected.contacts) out[c.day]!.newContacts! += 1;
  return out;
}

/** Per ref, its new contacts and the conversions credited to it, day by day. */
function refTrends(): Record<string, Grid> {
  const out: Record<string, Grid> = {};
  const add = ({ source, ref, day }: { source: string; ref?: string; day: string }, column?: string) => {
    if (!ref) return;
    const trend = (out[`${refSource(source)} ${ref}`] ??= Object.fromEntries(
      rangeDays().map((d) => [d, { newContacts: 0, conversions: 0 }]),
    ));
    if (column) trend[day]![column]! += 1;
  };
  for (const c of expected.contacts) add(c, 'newContacts');
  for (const c of expected.conversions) add(c, 'conversions');
  // a ref with only re-engagements still has its row, and a flat trend
  for (const t of expected.reengaged) add(t);
  return out;
}

const COLUMNS: (keyof Figures)[] = ['newContacts', 'reengaged', 'replied', 'converted', 'blocked', 'conversions'];

function grid(figures: Map<string, Figures>, columns = COLUMNS): Grid {
  return Object.fromEntries([...figures].map(([key, f]) => [key, Object.fromEntries(columns.map((c) => [c, f[c]]))]));
}

/** A served row's figures under the expected columns' names; each rate gives back its count (it is over new contacts). */
function countsOf(r: Row): Record<string, number | null | undefined> {
  const n = r.metrics['newContacts']?.value ?? 0;
  const value = (id: string) => r.metrics[id]?.value;
  const count = (rate: string) => {
    const v = value(rate);
    return v === null || v === undefined ? (n === 0 ? 0 : v) : Math.round(v * n);
  };
  return {
    newContacts: value('newContacts'),
    reengaged: value('reengagedContacts'),
    replied: count('replyRate'),
    converted: count('conversionRate'),
    blocked: value('blocks'),
    conversions: value('conversions'),
  };
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** The ref-links report's source: QR codes are m.me links, so old codes' MESSENGER_CODE rows join SHORTLINK's. */
const refSource = (source: string) => (source === 'MESSENGER_CODE' ? 'SHORTLINK' : source);

function pick(o: Record<string, unknown>, keys: string[]): Record<string, number | null | undefined> {
  return Object.fromEntries(keys.map((k) => [k, o[k] as number | null | undefined]));
}

async function inParallel<T>(items: T[], fn: (item: T, index: number) => Promise<void>, width = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** One line per row: each column's figure, or expected≠served where they differ. Days go eight to a line. */
function formatSection({ title, expected: want, served: got, byDay }: Section): string {
  const cell = (row: string, col: string) => {
    const [e, s] = [want[row]?.[col] ?? 0, got[row]?.[col] ?? 0];
    return e === s ? String(e) : `${e}≠${s}`;
  };
  const rows = [...new Set([...Object.keys(want), ...Object.keys(got)])].sort();
  const columns = [...new Set(rows.flatMap((r) => Object.keys(want[r] ?? got[r] ?? {})))];
  if (byDay) {
    const cells = rows.map((r) => `${r.slice(5)} ${cell(r, columns[0]!)}`.padEnd(12));
    const lines = Array.from(
      { length: Math.ceil(cells.length / 8) },
      (_, i) => `  ${cells.slice(i * 8, i * 8 + 8).join(' ')}`,
    );
    return [`${title} (${columns[0]} by day)`, ...lines].join('\n');
  }
  const width = Math.max(...rows.map((r) => r.length), 8);
  const head = `  ${''.padEnd(width)} ${columns.map((c) => c.padStart(Math.max(c.length, 9))).join(' ')}`;
  const body = rows.map(
    (r) => `  ${r.padEnd(width)} ${columns.map((c) => cell(r, c).padStart(Math.max(c.length, 9))).join(' ')}`,
  );
  return [title, head, ...body].join('\n');
}
