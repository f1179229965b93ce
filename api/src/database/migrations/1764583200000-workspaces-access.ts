import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity and access: users (server-level: one person can belong to several workspaces), their
 * memberships with a role, sign-in sessions (server-level, like their user), API tokens per
 * workspace and the audit log of admin actions. Sessions and tokens are stored as hashes only.
 */
export class WorkspacesAccess1764583200000 implements MigrationInterface {
  name = 'WorkspacesAccess1764583200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND email LIKE '%_@_%'),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // one account per address, whatever its case
    await q.query(`CREATE UNIQUE INDEX app_user_email ON app_user (lower(email))`);
    await q.query(`
      CREATE TABLE membership (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await q.query(`CREATE INDEX membership_user ON membership (user_id)`);
    await q.query(`
      CREATE TABLE user_session (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        current_workspace_id uuid REFERENCES workspace(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX user_session_user ON user_session (user_id)`);
    await q.query(`CREATE INDEX user_session_expires ON user_session (expires_at)`);
    await q.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        scope text NOT NULL CHECK (scope IN ('read', 'write:conversions', 'admin')),
        token_hash text NOT NULL UNIQUE,
        last4 text NOT NULL,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_token_workspace ON api_token (workspace_id, created_at)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        actor text NOT NULL,
        actor_user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        action text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_workspace_at ON audit_log (workspace_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE api_token`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE app_user`);
  }
}
