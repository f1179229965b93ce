import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The touch each conversion is credited to, by the workspace's attribution model and window. */
export class ConversionCredit1764410400000 implements MigrationInterface {
  name = 'ConversionCredit1764410400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversion
      ADD COLUMN credited_event_id text, ADD COLUMN credited_source text,
      ADD COLUMN credited_ad_id text, ADD COLUMN credited_ref text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversion
      DROP COLUMN credited_ref, DROP COLUMN credited_ad_id, DROP COLUMN credited_source, DROP COLUMN credited_event_id`);
  }
}
