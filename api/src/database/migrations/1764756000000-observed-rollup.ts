import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily rollups of observed figures (libs/metrics contributions), kept up to date as contacts are
 * derived, so the metrics API never scans raw events; and each contact's current contribution, so
 * a change to a contact replaces its old rows by its new ones exactly.
 */
export class ObservedRollup1764756000000 implements MigrationInterface {
  name = 'ObservedRollup1764756000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE observed_daily (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        day date NOT NULL,
        page_id text NOT NULL,
        source text NOT NULL,
        ad_id text NOT NULL DEFAULT '',
        ref text NOT NULL DEFAULT '',
        currency text NOT NULL DEFAULT '',
        new_contacts int NOT NULL DEFAULT 0,
        replied_new_contacts int NOT NULL DEFAULT 0,
        converted_new_contacts int NOT NULL DEFAULT 0,
        unreachable_new_contacts int NOT NULL DEFAULT 0,
        reengaged_contacts int NOT NULL DEFAULT 0,
        conversions int NOT NULL DEFAULT 0,
        revenue numeric(18, 2) NOT NULL DEFAULT 0,
        PRIMARY KEY (workspace_id, day, page_id, source, ad_id, ref, currency)
      )`);
    await q.query(`
      CREATE TABLE contact_contribution (
        workspace_id uuid NOT NULL,
        page_id text NOT NULL,
        person_key text NOT NULL,
        rows jsonb NOT NULL,
        PRIMARY KEY (workspace_id, page_id, person_key),
        FOREIGN KEY (workspace_id, page_id, person_key) REFERENCES contact ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contact_contribution`);
    await q.query(`DROP TABLE observed_daily`);
  }
}
