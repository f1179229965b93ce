import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Upper bounds of the response-time buckets, in seconds: libs/metrics RESPONSE_BUCKETS (a test keeps them equal). */
export const RESPONSE_BUCKET_BOUNDS = [60, 300, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400, 172_800, 604_800];

const BUCKET = `CASE ${RESPONSE_BUCKET_BOUNDS.map(
  (upTo, i) => `WHEN extract(epoch FROM (d.first_response_at - d.first_seen_at)) < ${upTo} THEN ${i}`,
).join(' ')} ELSE ${RESPONSE_BUCKET_BOUNDS.length} END`;

/** A statement's change to contact: its new rows counted +1, its old rows −1. */
const CHANGES: Record<string, string> = {
  inserted: `SELECT 1 AS sign, * FROM new_rows`,
  updated: `SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows`,
  deleted: `SELECT -1 AS sign, * FROM old_rows`,
};

/**
 * The page's first-response time. Each contact keeps when the page first wrote after the person's
 * first own event (first_response_at), and response_daily counts new contacts per day (workspace
 * time zone), page, opening source and ref, and bucket of response time: a histogram, which adds
 * up over days and slices where a median would not. (Not per ad: campaign rows do not show it yet.) Statement triggers on contact keep it, from
 * each statement's old and new rows, so it is exact however contacts are written (processing, a
 * recompute, a bulk load).
 */
export class FirstResponse1764849600000 implements MigrationInterface {
  name = 'FirstResponse1764849600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact ADD COLUMN first_response_at timestamptz`);
    await q.query(`
      CREATE TABLE response_daily (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        day date NOT NULL,
        page_id text NOT NULL,
        source text NOT NULL,
        ref text NOT NULL,
        bucket smallint NOT NULL,
        contacts int NOT NULL,
        PRIMARY KEY (workspace_id, day, page_id, source, ref, bucket)
      )`);
    for (const [event, change] of Object.entries(CHANGES)) {
      await q.query(`
        CREATE FUNCTION contact_response_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO response_daily AS t (workspace_id, day, page_id, source, ref, bucket, contacts)
          SELECT d.workspace_id, (d.first_seen_at AT TIME ZONE w.time_zone)::date, d.page_id, d.first_source,
            coalesce(d.first_ref, ''), ${BUCKET}, sum(d.sign)
          FROM (${change}) AS d JOIN workspace w ON w.id = d.workspace_id
          WHERE d.first_response_at IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
          ON CONFLICT (workspace_id, day, page_id, source, ref, bucket)
            DO UPDATE SET contacts = t.contacts + EXCLUDED.contacts;
          RETURN NULL;
        END $$`);
    }
    // one trigger per event: a trigger with transition tables may have only one
    await q.query(`CREATE TRIGGER contact_response_inserted AFTER INSERT ON contact
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_response_inserted()`);
    await q.query(`CREATE TRIGGER contact_response_updated AFTER UPDATE ON contact
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_response_updated()`);
    await q.query(`CREATE TRIGGER contact_response_deleted AFTER DELETE ON contact
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_response_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of Object.keys(CHANGES)) {
      await q.query(`DROP TRIGGER contact_response_${event} ON contact`);
      await q.query(`DROP FUNCTION contact_response_${event}()`);
    }
    await q.query(`DROP TABLE response_daily`);
    await q.query(`ALTER TABLE contact DROP COLUMN first_response_at`);
  }
}
