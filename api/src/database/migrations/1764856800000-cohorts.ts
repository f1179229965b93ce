import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Days after the first contact are counted up to this; later first conversions are filed at 91. */
const MAX_OFFSET = 91;

const DAY = `(d.first_seen_at AT TIME ZONE w.time_zone)::date`;
const OFFSET = `least(greatest(floor(extract(epoch FROM (d.first_conversion_at - d.first_seen_at)) / 86400), 0), ${MAX_OFFSET})::smallint`;

/** A statement's change to contact: its new rows counted +1, its old rows −1. */
const CHANGES: Record<string, string> = {
  inserted: `SELECT 1 AS sign, * FROM new_rows`,
  updated: `SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows`,
  deleted: `SELECT -1 AS sign, * FROM old_rows`,
};

/**
 * Conversion by days since first contact, without reading the contacts: each contact keeps its first
 * conversion (first_conversion_at), and cohort_daily counts converted contacts per first-contact day
 * (workspace time zone), page, opening source and ad, and whole days from first contact to first
 * conversion. The cohorts' sizes are the new contacts of the daily rollups. Statement triggers on
 * contact keep it, as for response_daily.
 */
export class Cohorts1764856800000 implements MigrationInterface {
  name = 'Cohorts1764856800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact ADD COLUMN first_conversion_at timestamptz`);
    await q.query(`
      UPDATE contact c SET first_conversion_at = v.first
      FROM (SELECT workspace_id, page_id, person_key, min(time) AS first FROM conversion
            WHERE person_key IS NOT NULL GROUP BY 1, 2, 3) v
      WHERE v.workspace_id = c.workspace_id AND v.page_id = c.page_id AND v.person_key = c.person_key`);
    await q.query(`
      CREATE TABLE cohort_daily (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        day date NOT NULL,
        page_id text NOT NULL,
        source text NOT NULL,
        ad_id text NOT NULL,
        days_to_convert smallint NOT NULL,
        contacts int NOT NULL,
        PRIMARY KEY (workspace_id, day, page_id, source, ad_id, days_to_convert)
      )`);
    await q.query(`
      INSERT INTO cohort_daily (workspace_id, day, page_id, source, ad_id, days_to_convert, contacts)
      SELECT d.workspace_id, ${DAY}, d.page_id, d.first_source, coalesce(d.first_ad_id, ''), ${OFFSET}, count(*)
      FROM contact d JOIN workspace w ON w.id = d.workspace_id
      WHERE d.first_conversion_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`);
    for (const [event, change] of Object.entries(CHANGES)) {
      await q.query(`
        CREATE FUNCTION contact_cohort_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO cohort_daily AS t (workspace_id, day, page_id, source, ad_id, days_to_convert, contacts)
          SELECT d.workspace_id, ${DAY}, d.page_id, d.first_source, coalesce(d.first_ad_id, ''), ${OFFSET}, sum(d.sign)
          FROM (${change}) AS d JOIN workspace w ON w.id = d.workspace_id
          WHERE d.first_conversion_at IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
          ON CONFLICT (workspace_id, day, page_id, source, ad_id, days_to_convert)
            DO UPDATE SET contacts = t.contacts + EXCLUDED.contacts;
          RETURN NULL;
        END $$`);
    }
    // one trigger per event: a trigger with transition tables may have only one
    await q.query(`CREATE TRIGGER contact_cohort_inserted AFTER INSERT ON contact
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_cohort_inserted()`);
    await q.query(`CREATE TRIGGER contact_cohort_updated AFTER UPDATE ON contact
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_cohort_updated()`);
    await q.query(`CREATE TRIGGER contact_cohort_deleted AFTER DELETE ON contact
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_cohort_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of Object.keys(CHANGES)) {
      await q.query(`DROP TRIGGER contact_cohort_${event} ON contact`);
      await q.query(`DROP FUNCTION contact_cohort_${event}()`);
    }
    await q.query(`DROP TABLE cohort_daily`);
    await q.query(`ALTER TABLE contact DROP COLUMN first_conversion_at`);
  }
}
