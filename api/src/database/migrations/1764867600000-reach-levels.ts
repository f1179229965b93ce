import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Unique reach for ad sets and ads too, fetched with the account and campaigns for the same range. */
export class ReachLevels1764867600000 implements MigrationInterface {
  name = 'ReachLevels1764867600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reach_range DROP CONSTRAINT reach_range_level_check`);
    await q.query(
      `ALTER TABLE reach_range ADD CONSTRAINT reach_range_level_check CHECK (level IN ('account', 'campaign', 'adset', 'ad'))`,
    );
    // ranges fetched before had no ad set or ad rows: fetch them again when next asked for
    await q.query(`DELETE FROM reach_fetch`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM reach_range WHERE level IN ('adset', 'ad')`);
    await q.query(`ALTER TABLE reach_range DROP CONSTRAINT reach_range_level_check`);
    await q.query(
      `ALTER TABLE reach_range ADD CONSTRAINT reach_range_level_check CHECK (level IN ('account', 'campaign'))`,
    );
  }
}
