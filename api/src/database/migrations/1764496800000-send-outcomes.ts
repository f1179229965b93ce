import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the Send API answered when the page messaged a contact (reported by the business's systems),
 * and each contact's reachability derived from it: unreachable (error 551: blocked the page or
 * deactivated the account) is kept apart from outside-the-window and other failures. It fills
 * contact.unreachable_at (since when), and replaces contact.blocked_at, which nothing could fill: no
 * webhook says a person blocked the page.
 */
export class SendOutcomes1764496800000 implements MigrationInterface {
  name = 'SendOutcomes1764496800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE send_outcome (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        page_id text NOT NULL,
        person_key text NOT NULL,
        time timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'outside_window', 'unreachable', 'failed')),
        error_code int,
        error_subcode int,
        error_message text,
        idempotency_key text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX send_outcome_person ON send_outcome (workspace_id, page_id, person_key, time)`);
    await q.query(`ALTER TABLE contact
      ADD COLUMN reachability text NOT NULL DEFAULT 'unknown' CHECK (reachability IN ('unknown', 'reachable', 'unreachable')),
      DROP COLUMN blocked_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact ADD COLUMN blocked_at timestamptz, DROP COLUMN reachability`);
    await q.query(`DROP TABLE send_outcome`);
  }
}
