import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meta connections: a token pasted by an admin, encrypted with SECRETS_KEY (never stored in clear),
 * with what debug_token says about it; ad_account and messenger_page rows name the connection that
 * connects them. An ad account is connected to one workspace at a time, as a page already is.
 */
export class MetaConnections1764669600000 implements MigrationInterface {
  name = 'MetaConnections1764669600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meta_connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('system_user', 'page')),
        token_ciphertext bytea NOT NULL,
        token_last4 text NOT NULL CHECK (length(token_last4) <= 4),
        meta_user_id text,
        meta_app_id text,
        scopes text[] NOT NULL DEFAULT '{}',
        expires_at timestamptz,
        status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'expiring', 'invalid')),
        status_detail text,
        checked_at timestamptz,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meta_connection_workspace ON meta_connection (workspace_id, created_at)`);
    await q.query(
      `ALTER TABLE ad_account ADD COLUMN connection_id uuid REFERENCES meta_connection(id) ON DELETE SET NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX ad_account_connected_once ON ad_account (id) WHERE connection_id IS NOT NULL`);
    await q.query(
      `ALTER TABLE messenger_page ADD COLUMN connection_id uuid REFERENCES meta_connection(id) ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messenger_page DROP COLUMN connection_id`);
    await q.query(`DROP INDEX ad_account_connected_once`);
    await q.query(`ALTER TABLE ad_account DROP COLUMN connection_id`);
    await q.query(`DROP TABLE meta_connection`);
  }
}
