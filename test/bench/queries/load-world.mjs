// Loads a simulated world into a PostgreSQL database of its own, in the shape the product stores it:
// the ad structure and daily insights through the ads sync's own repository (as a backfill stores
// them), contacts and touches through the messenger repository's own writes (from people.mjs), rule
// and reported conversions credited by the workspace's model, send outcomes; then the daily rollups
// by the product's set-based rebuild. The database keeps a marker (loader version, seed, size, end
// date): a later run with the same marker skips the load.
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { toInsightRow } from '../../../api/dist/ads-sync/insight-row.js';
import { AdsRepository } from '../../../api/dist/ads-sync/ads.repository.js';
import { dataSourceOptions } from '../../../api/dist/database/data-source-options.js';
import { MessengerRepository } from '../../../api/dist/messenger/messenger.repository.js';
import { rebuildObservedRollups } from '../../../api/dist/messenger/rollup-rebuild.js';
import { createWorld } from '../../../libs/meta-sim/dist/index.js';
import { people, simWorld } from './people.mjs';

/** Bump when what the loader writes changes: cached databases are then loaded again. */
export const LOADER_VERSION = 2;
export const WORKSPACE = 'bench';
const MODEL = { kind: 'first_touch', windowMs: 7 * 86_400_000 };
const DAY_MS = 86_400_000;

/** The database of a world, loaded unless it already holds this world; returns what the bench needs. */
export async function ensureWorld({ serverUrl, database, seed, size, endDate, reload, log }) {
  const url = withDatabase(serverUrl, database);
  const marker = { version: LOADER_VERSION, seed, size, endDate };
  if (!reload) {
    const found = await readMarker(url);
    if (found && sameMarker(found.marker, marker)) {
      log(
        `world cached in ${database} (loaded in ${found.load_seconds.toFixed(0)} s on ${found.loaded_at.toISOString()})`,
      );
      return { url, ...found, cached: true };
    }
    if (found) log(`${database} holds another world (${JSON.stringify(found.marker)}): loading again`);
  }
  await withClient(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${database}`);
  });
  const started = performance.now();
  const counts = await load(url, { seed, size, endDate, log });
  const loadSeconds = (performance.now() - started) / 1000;
  await withClient(url, async (c) => {
    await c.query(`CREATE TABLE bench_world (marker jsonb NOT NULL, counts jsonb NOT NULL,
      load_seconds float8 NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`);
    await c.query(`INSERT INTO bench_world (marker, counts, load_seconds) VALUES ($1, $2, $3)`, [
      marker,
      counts,
      loadSeconds,
    ]);
  });
  return { url, ...(await readMarker(url)), cached: false };
}

async function load(url, { seed, size, endDate, log }) {
  const ds = new DataSource({
    ...dataSourceOptions({ url, poolSize: 2, connectTimeoutMs: 5_000 }),
    migrationsRun: true,
  });
  await ds.initialize(); // the product's migrations
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = { query: (sql, params) => client.query(sql, params).then((r) => r.rows) };
  try {
    const world = createWorld({ seed, size, endDate });
    const t = timer(log);
    const [{ id: workspaceId }] = await db.query(
      `INSERT INTO workspace (slug, name, time_zone) VALUES ($1, 'Query bench', $2) RETURNING id`,
      [WORKSPACE, world.accounts[0].timezoneName],
    );
    for (const page of world.pages)
      await db.query(`INSERT INTO messenger_page (workspace_id, page_id, name, username) VALUES ($1, $2, $3, $4)`, [
        workspaceId,
        page.id,
        page.name,
        page.username,
      ]);
    const rules = await db.query(
      `INSERT INTO conversion_rule (workspace_id, name, kind, pattern) VALUES ($1, 'purchase', 'payload', 'PURCHASE'),
         ($1, 'lead', 'payload', 'LEAD') RETURNING id, name, kind, pattern`,
      [workspaceId],
    );
    const insightRows = await loadAds(db, world, workspaceId, endDate);
    t(`ad structure and ${insightRows} insight rows`);
    const counts = await loadPeople(db, simWorld(seed, size, endDate), workspaceId, rules, t);
    const { rows } = await ds.transaction((m) => rebuildObservedRollups(m, workspaceId));
    t(`rollups rebuilt: ${rows} observed_daily rows`);
    await db.query(`VACUUM ANALYZE`);
    t('vacuum analyze');
    return { ...counts, insightRows, rollupRows: rows, workspaceId };
  } finally {
    await client.end();
    await ds.destroy();
  }
}

/** Accounts, then campaigns, ad sets and ads, then a year of daily ad insights, as a backfill stores them. */
async function loadAds(db, world, workspaceId, endDate) {
  const ads = new AdsRepository(db);
  const since = new Date(Date.parse(`${endDate}T00:00:00Z`) - 400 * DAY_MS).toISOString().slice(0, 10);
  let insightRows = 0;
  for (const a of world.accounts) {
    await db.query(
      `INSERT INTO ad_account (workspace_id, id, name, currency, timezone_name, account_status, business_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [workspaceId, a.id, a.name, a.currency, a.timezoneName, a.accountStatus, a.businessId],
    );
    for (const [level, objects] of [
      ['campaign', world.campaigns(a.id)],
      ['adset', world.adsets(a.id)],
      ['ad', world.ads(a.id)],
    ])
      for (const chunk of chunks(
        [...objects].map((o) => rawObject(level, o)),
        1000,
      ))
        await ads.upsertObjects(workspaceId, a.id, level, chunk);
    const query = { accountId: a.id, level: 'ad', since, until: endDate, timeIncrement: 1 };
    let batch = [];
    for (const raw of world.insights(query)) {
      batch.push(toInsightRow(raw));
      if (batch.length === 2000) insightRows += await ads.upsertInsights(workspaceId, batch.splice(0));
    }
    insightRows += await ads.upsertInsights(workspaceId, batch);
  }
  return insightRows;
}

/** Graph's fields of a campaign, ad set or ad, as the sync asks for them (api/src/meta/marketing-api.ts). */
function rawObject(level, o) {
  return {
    id: o.id,
    campaign_id: o.campaignId ?? null,
    adset_id: o.adsetId ?? null,
    name: o.name,
    status: o.status,
    effective_status: o.effectiveStatus,
    objective: level === 'campaign' ? o.objective : null,
    created_time: o.createdTime,
    updated_time: o.updatedTime,
  };
}

async function loadPeople(db, sim, workspaceId, rules, t) {
  const messenger = new MessengerRepository();
  let counts;
  let writing = Promise.resolve();
  let batches = 0;
  for (const batch of people(sim, { rules, model: MODEL })) {
    counts = batch.counts;
    // the next batch is generated while the database writes this one
    await writing;
    // fresh statistics as the tables grow, or the planner takes them for empty and scans them whole
    if (batches % 20 === 1) await db.query(`ANALYZE contact, contact_touch, conversion, send_outcome`);
    writing = writeBatch(db, messenger, workspaceId, batch);
    if (++batches % 40 === 0) t(`${counts.contacts} contacts`, false);
  }
  await writing;
  t(
    `${counts.contacts} contacts of ${counts.people} people (${counts.messages} messages, ${counts.conversions} conversions)`,
  );
  return { ...counts };
}

async function writeBatch(db, messenger, workspaceId, { contacts, conversions, outcomes }) {
  // in the sizes processing writes (a batch of deliveries' people): its statements stay on their indexes
  for (const chunk of chunks(contacts, 500)) await messenger.saveContacts(db, workspaceId, chunk);
  if (conversions.length > 0)
    await db.query(
      `INSERT INTO conversion (workspace_id, page_id, person_key, event_name, value, currency, time, origin,
         idempotency_key, rule_id, credited_event_id, credited_source, credited_ad_id, credited_ref)
       SELECT $1, c."pageId", c."personKey", c."eventName", c.value, c.currency, to_timestamp(c.time / 1000.0), c.origin,
         c."idempotencyKey", c."ruleId", c.credited->>'eventId', c.credited->>'source', c.credited->>'adId', c.credited->>'ref'
       FROM jsonb_to_recordset($2::jsonb) AS c("pageId" text, "personKey" text, "eventName" text, value numeric,
         currency text, time float8, origin text, "idempotencyKey" text, "ruleId" uuid, credited jsonb)`,
      [workspaceId, JSON.stringify(conversions)],
    );
  if (outcomes.length > 0)
    await db.query(
      `INSERT INTO send_outcome (workspace_id, page_id, person_key, time, outcome, error_code, idempotency_key)
       SELECT $1, o."pageId", o."personKey", to_timestamp(o.time / 1000.0), o.outcome, o."errorCode", o.key
       FROM jsonb_to_recordset($2::jsonb) AS o("pageId" text, "personKey" text, time float8, outcome text,
         "errorCode" int, key text)`,
      [workspaceId, JSON.stringify(outcomes)],
    );
}

async function readMarker(url) {
  try {
    return await withClient(url, async (c) => {
      const exists = await c.query(`SELECT to_regclass('bench_world') IS NOT NULL AS ok`);
      if (!exists.rows[0].ok) return undefined;
      return (await c.query(`SELECT marker, counts, load_seconds, loaded_at FROM bench_world`)).rows[0];
    });
  } catch (error) {
    if (error.code === '3D000') return undefined; // no such database yet
    throw error;
  }
}

function sameMarker(a, b) {
  return a.version === b.version && a.seed === b.seed && a.size === b.size && a.endDate === b.endDate;
}

export function withDatabase(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function* chunks(list, size) {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

function timer(log) {
  const start = performance.now();
  let last = start;
  return (what, lap = true) => {
    const now = performance.now();
    log(`  load: ${what} (${((now - (lap ? last : start)) / 1000).toFixed(1)} s${lap ? '' : ' so far'})`);
    if (lap) last = now;
  };
}
