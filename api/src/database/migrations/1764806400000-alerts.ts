import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What GET /api/alerts needs beyond the rollups: webhook arrivals per page and hour (so a silent
 * page is noticed against its own rhythm without scanning events), and each workspace's block-rate
 * threshold with the fewest new contacts a rate needs before it can raise an alert.
 */
export class Alerts1764806400000 implements MigrationInterface {
  name = 'Alerts1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE page_activity (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        page_id text NOT NULL,
        hour timestamptz NOT NULL,
        events int NOT NULL,
        last_received_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, page_id, hour)
      )`);
    await q.query(`
      ALTER TABLE workspace
        ADD COLUMN block_rate_threshold numeric(5, 4) NOT NULL DEFAULT 0.05
          CHECK (block_rate_threshold > 0 AND block_rate_threshold < 1),
        ADD COLUMN block_rate_min_contacts int NOT NULL DEFAULT 30
          CHECK (block_rate_min_contacts BETWEEN 1 AND 100000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspace DROP COLUMN block_rate_threshold, DROP COLUMN block_rate_min_contacts`);
    await q.query(`DROP TABLE page_activity`);
  }
}
