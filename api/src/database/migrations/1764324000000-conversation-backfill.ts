import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each page's conversation backfill got to: the next run reads Graph from there. */
export class ConversationBackfill1764324000000 implements MigrationInterface {
  name = 'ConversationBackfill1764324000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messenger_page ADD COLUMN backfilled_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messenger_page DROP COLUMN backfilled_until`);
  }
}
