import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Health of the tokens that come from configuration rather than from a stored connection
 * (META_ACCESS_TOKEN, the demo's simulator token), checked with debug_token on the same schedule,
 * so Settings and the warnings show them too. No token here: its last four characters at most.
 */
export class ConfiguredTokenHealth1764802800000 implements MigrationInterface {
  name = 'ConfiguredTokenHealth1764802800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE configured_token_health (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        origin text NOT NULL CHECK (origin IN ('configured', 'demo')),
        token_last4 text NOT NULL,
        meta_user_id text,
        meta_app_id text,
        scopes text[] NOT NULL DEFAULT '{}',
        expires_at timestamptz,
        status text NOT NULL CHECK (status IN ('ok', 'expiring', 'invalid')),
        status_detail text,
        checked_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, origin)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE configured_token_health`);
  }
}
