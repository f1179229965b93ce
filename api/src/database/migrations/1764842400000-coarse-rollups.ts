import type { MigrationInterface, QueryRunner } from 'typeorm';

const OBSERVED_SUMS = `new_contacts, replied_new_contacts, converted_new_contacts, unreachable_new_contacts,
  reengaged_contacts, conversions, revenue`;
const OBSERVED_COUNTS = `
  new_contacts int NOT NULL DEFAULT 0,
  replied_new_contacts int NOT NULL DEFAULT 0,
  converted_new_contacts int NOT NULL DEFAULT 0,
  unreachable_new_contacts int NOT NULL DEFAULT 0,
  reengaged_contacts int NOT NULL DEFAULT 0,
  conversions int NOT NULL DEFAULT 0,
  revenue numeric(18, 2) NOT NULL DEFAULT 0`;
const DELIVERY_SUMS = `spend, impressions, clicks, conversations_started, first_replies, total_connections, blocks`;

/** `target.c = target.c + EXCLUDED.c` for each column. */
const addUp = (columns: string) =>
  columns
    .split(',')
    .map((c) => c.trim())
    .map((c) => `${c} = t.${c} + EXCLUDED.${c}`)
    .join(', ');
/** `sum(c)` for each column. */
const summed = (columns: string) =>
  columns
    .split(',')
    .map((c) => `sum(${c.trim()})`)
    .join(', ');
/** `sum(sign * c)` for each column. */
const signed = (columns: string) =>
  columns
    .split(',')
    .map((c) => `sum(sign * ${c.trim()})`)
    .join(', ');

/** A statement's change to a table: its new rows counted +1, its old rows -1. */
const CHANGES: Record<string, (columns: string) => string> = {
  inserted: (columns) => `SELECT 1 AS sign, ${columns} FROM new_rows`,
  updated: (columns) => `SELECT 1 AS sign, ${columns} FROM new_rows UNION ALL SELECT -1, ${columns} FROM old_rows`,
  deleted: (columns) => `SELECT -1 AS sign, ${columns} FROM old_rows`,
};

/**
 * Three coarser copies of the daily rollups, so a dashboard query over a year reads thousands of rows
 * rather than hundreds of thousands: observed figures without the ad (by day, page, source, ref),
 * observed figures of ad arrivals (rows with an ad, or from ads) by week (Monday) instead of day, and Meta's delivery per campaign
 * and day. Statement triggers on observed_daily and ad_insight_daily add each statement's change to
 * them (new rows minus old rows), so they stay exactly the sums of their sources however those are
 * written: incremental deltas, a rebuild, a restated insights pull. (Changes of a workspace being
 * deleted are not carried over: its coarse rows go with it.) An index on ad_insight_daily by
 * ad set serves the ads of one ad set.
 */
export class CoarseRollups1764842400000 implements MigrationInterface {
  name = 'CoarseRollups1764842400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE observed_daily_ref (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        day date NOT NULL,
        page_id text NOT NULL,
        source text NOT NULL,
        ref text NOT NULL,
        currency text NOT NULL,${OBSERVED_COUNTS},
        PRIMARY KEY (workspace_id, day, page_id, source, ref, currency)
      )`);
    await q.query(`
      CREATE TABLE observed_weekly_ad (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        week date NOT NULL,
        page_id text NOT NULL,
        source text NOT NULL,
        ad_id text NOT NULL,
        currency text NOT NULL,${OBSERVED_COUNTS},
        PRIMARY KEY (workspace_id, week, page_id, source, ad_id, currency)
      )`);
    await q.query(`
      CREATE TABLE ad_insight_campaign_daily (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        day date NOT NULL,
        campaign_id text NOT NULL,
        currency text NOT NULL,
        spend numeric(18, 2) NOT NULL DEFAULT 0,
        impressions bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        conversations_started bigint NOT NULL DEFAULT 0,
        first_replies bigint NOT NULL DEFAULT 0,
        total_connections bigint NOT NULL DEFAULT 0,
        blocks bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day, campaign_id, currency)
      )`);
    await q.query(`CREATE INDEX ad_insight_daily_adset_day ON ad_insight_daily (workspace_id, adset_id, day)`);
    const observed = 'workspace_id, day, page_id, source, ad_id, ref, currency';
    const delivery = 'workspace_id, day, campaign_id, currency';
    for (const [event, change] of Object.entries(CHANGES)) {
      await q.query(`
        CREATE FUNCTION observed_daily_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO observed_daily_ref AS t (workspace_id, day, page_id, source, ref, currency, ${OBSERVED_SUMS})
          SELECT d.workspace_id, d.day, d.page_id, d.source, d.ref, d.currency, ${signed(OBSERVED_SUMS)}
          FROM (${change(`${observed}, ${OBSERVED_SUMS}`)}) AS d JOIN workspace w ON w.id = d.workspace_id
          GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
          ON CONFLICT (workspace_id, day, page_id, source, ref, currency) DO UPDATE SET ${addUp(OBSERVED_SUMS)};
          INSERT INTO observed_weekly_ad AS t (workspace_id, week, page_id, source, ad_id, currency, ${OBSERVED_SUMS})
          SELECT d.workspace_id, date_trunc('week', d.day)::date, d.page_id, d.source, d.ad_id, d.currency,
            ${signed(OBSERVED_SUMS)}
          FROM (${change(`${observed}, ${OBSERVED_SUMS}`)}) AS d JOIN workspace w ON w.id = d.workspace_id
          WHERE d.ad_id <> '' OR d.source = 'ADS'
          GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
          ON CONFLICT (workspace_id, week, page_id, source, ad_id, currency) DO UPDATE SET ${addUp(OBSERVED_SUMS)};
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE FUNCTION ad_insight_daily_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO ad_insight_campaign_daily AS t (${delivery}, ${DELIVERY_SUMS})
          SELECT d.workspace_id, d.day, d.campaign_id, d.currency, ${signed(DELIVERY_SUMS)}
          FROM (${change(`${delivery}, ${DELIVERY_SUMS}`)}) AS d JOIN workspace w ON w.id = d.workspace_id
          GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (${delivery}) DO UPDATE SET ${addUp(DELIVERY_SUMS)};
          RETURN NULL;
        END $$`);
    }
    for (const table of ['observed_daily', 'ad_insight_daily']) {
      // one trigger per event: a trigger with transition tables may have only one
      await q.query(`CREATE TRIGGER ${table}_inserted AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_inserted()`);
      await q.query(`CREATE TRIGGER ${table}_updated AFTER UPDATE ON ${table}
        REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_updated()`);
      await q.query(`CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_deleted()`);
    }
    // what is already there
    await q.query(`INSERT INTO observed_daily_ref (workspace_id, day, page_id, source, ref, currency, ${OBSERVED_SUMS})
      SELECT workspace_id, day, page_id, source, ref, currency, ${summed(OBSERVED_SUMS)} FROM observed_daily
      GROUP BY 1, 2, 3, 4, 5, 6`);
    await q.query(`INSERT INTO observed_weekly_ad (workspace_id, week, page_id, source, ad_id, currency, ${OBSERVED_SUMS})
      SELECT workspace_id, date_trunc('week', day)::date, page_id, source, ad_id, currency, ${summed(OBSERVED_SUMS)}
      FROM observed_daily WHERE ad_id <> '' OR source = 'ADS' GROUP BY 1, 2, 3, 4, 5, 6`);
    await q.query(`INSERT INTO ad_insight_campaign_daily (${delivery}, ${DELIVERY_SUMS})
      SELECT ${delivery}, ${summed(DELIVERY_SUMS)} FROM ad_insight_daily GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['observed_daily', 'ad_insight_daily'])
      for (const event of ['inserted', 'updated', 'deleted'])
        await q.query(`DROP TRIGGER ${table}_${event} ON ${table}`);
    for (const table of ['observed_daily', 'ad_insight_daily'])
      for (const event of Object.keys(CHANGES)) await q.query(`DROP FUNCTION ${table}_${event}()`);
    await q.query(`DROP INDEX ad_insight_daily_adset_day`);
    await q.query(`DROP TABLE ad_insight_campaign_daily, observed_weekly_ad, observed_daily_ref`);
  }
}
