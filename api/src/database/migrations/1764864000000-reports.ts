import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weekly and on-demand reports (#9): each report keeps its assembled figures as JSON (every format
 * is rendered from them, so a download equals what was generated) and how fresh the data was.
 * One weekly report per workspace and ISO week, whichever instance makes it: the unique key decides.
 * Each workspace's schedule and e-mail recipients, and each report's e-mail delivery with its retries.
 */
export class Reports1764864000000 implements MigrationInterface {
  name = 'Reports1764864000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('weekly', 'custom')),
        week text,
        range_from date NOT NULL,
        range_to date NOT NULL,
        comparison_from date NOT NULL,
        comparison_to date NOT NULL,
        status text NOT NULL CHECK (status IN ('generating', 'ready', 'failed')),
        error text,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        generated_at timestamptz,
        last_sync_at timestamptz,
        last_webhook_at timestamptz,
        content jsonb,
        CHECK ((kind = 'weekly') = (week IS NOT NULL)),
        CHECK (range_from <= range_to),
        UNIQUE (workspace_id, week, kind)
      )`);
    await q.query(`CREATE INDEX report_history ON report (workspace_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE report_settings (
        workspace_id uuid PRIMARY KEY REFERENCES workspace(id) ON DELETE CASCADE,
        weekly_enabled boolean NOT NULL DEFAULT true,
        weekly_time text NOT NULL DEFAULT '06:00' CHECK (weekly_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        recipients text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE report_delivery (
        report_id uuid PRIMARY KEY REFERENCES report(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        recipients text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        claimed_at timestamptz,
        last_error text,
        sent_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX report_delivery_due ON report_delivery (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_delivery`);
    await q.query(`DROP TABLE report_settings`);
    await q.query(`DROP TABLE report`);
  }
}
