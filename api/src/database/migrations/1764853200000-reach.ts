import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meta's unique reach over a range, per account and per campaign. Reach does not add up over days
 * (a person seen on Monday and Tuesday is one person), so daily rows cannot give it: each range a
 * dashboard or report asks for is fetched once from Graph (time_increment=all_days) and kept here.
 */
export class Reach1764853200000 implements MigrationInterface {
  name = 'Reach1764853200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reach_range (
        workspace_id uuid NOT NULL,
        account_id text NOT NULL,
        level text NOT NULL CHECK (level IN ('account', 'campaign')),
        object_id text NOT NULL,
        since date NOT NULL,
        until date NOT NULL CHECK (until >= since),
        reach bigint NOT NULL,
        impressions bigint NOT NULL,
        fetched_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, since, until, level, object_id),
        FOREIGN KEY (workspace_id, account_id) REFERENCES ad_account (workspace_id, id) ON DELETE CASCADE
      )`);
    // which account-ranges were fetched (an account with no delivery in a range has no rows, but was asked)
    await q.query(`
      CREATE TABLE reach_fetch (
        workspace_id uuid NOT NULL,
        account_id text NOT NULL,
        since date NOT NULL,
        until date NOT NULL,
        fetched_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, account_id, since, until),
        FOREIGN KEY (workspace_id, account_id) REFERENCES ad_account (workspace_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reach_fetch, reach_range`);
  }
}
