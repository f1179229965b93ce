import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the ads sync stores: accounts, the campaign → ad set → ad tree (one table, never deleted),
 * the history of renames and status changes, one insights row per ad per day, and every sync run.
 */
export class AdsSync1764151200000 implements MigrationInterface {
  name = 'AdsSync1764151200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ad_account (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        id text NOT NULL CHECK (id ~ '^act_[0-9]+$'),
        name text,
        currency text,
        timezone_name text,
        account_status int,
        business_id text,
        connection_status text NOT NULL DEFAULT 'ok' CHECK (connection_status IN ('ok', 'token_invalid', 'error')),
        connection_error text,
        structure_synced_at timestamptz,
        insights_synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, id)
      )`);
    await q.query(`
      CREATE TABLE ad_object (
        workspace_id uuid NOT NULL,
        id text NOT NULL,
        account_id text NOT NULL,
        level text NOT NULL CHECK (level IN ('campaign', 'adset', 'ad')),
        campaign_id text,
        adset_id text,
        name text NOT NULL,
        status text,
        effective_status text,
        objective text,
        created_time timestamptz,
        updated_time timestamptz,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, id),
        FOREIGN KEY (workspace_id, account_id) REFERENCES ad_account (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ad_object_account_level ON ad_object (workspace_id, account_id, level)`);
    await q.query(`
      CREATE TABLE ad_object_change (
        workspace_id uuid NOT NULL,
        object_id text NOT NULL,
        field text NOT NULL CHECK (field IN ('name', 'status', 'effective_status')),
        changed_at timestamptz NOT NULL,
        old_value text,
        new_value text,
        observed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, object_id, field, changed_at),
        FOREIGN KEY (workspace_id, object_id) REFERENCES ad_object (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE ad_insight_daily (
        workspace_id uuid NOT NULL,
        ad_id text NOT NULL,
        day date NOT NULL,
        account_id text NOT NULL,
        campaign_id text NOT NULL,
        adset_id text NOT NULL,
        currency text NOT NULL,
        spend numeric(16, 2) NOT NULL DEFAULT 0,
        impressions bigint NOT NULL DEFAULT 0,
        reach bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        link_clicks bigint NOT NULL DEFAULT 0,
        conversations_started int NOT NULL DEFAULT 0,
        first_replies int NOT NULL DEFAULT 0,
        total_connections int NOT NULL DEFAULT 0,
        blocks int NOT NULL DEFAULT 0,
        depth2 int NOT NULL DEFAULT 0,
        depth3 int NOT NULL DEFAULT 0,
        depth5 int NOT NULL DEFAULT 0,
        replied_7d int NOT NULL DEFAULT 0,
        actions jsonb NOT NULL DEFAULT '[]',
        cost_per_action_type jsonb NOT NULL DEFAULT '[]',
        pulled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, ad_id, day),
        FOREIGN KEY (workspace_id, account_id) REFERENCES ad_account (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ad_insight_daily_account_day ON ad_insight_daily (workspace_id, account_id, day)`);
    await q.query(`CREATE INDEX ad_insight_daily_campaign_day ON ad_insight_daily (workspace_id, campaign_id, day)`);
    await q.query(`
      CREATE TABLE sync_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        account_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('hourly', 'daily', 'backfill')),
        since date NOT NULL,
        until date NOT NULL CHECK (until >= since),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        requests int NOT NULL DEFAULT 0,
        rows_written int NOT NULL DEFAULT 0,
        days_total int NOT NULL,
        days_done int NOT NULL DEFAULT 0,
        done_until date,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz,
        FOREIGN KEY (workspace_id, account_id) REFERENCES ad_account (workspace_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sync_run_status ON sync_run (status, heartbeat_at)`);
    await q.query(`CREATE INDEX sync_run_account ON sync_run (workspace_id, account_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sync_run', 'ad_insight_daily', 'ad_object_change', 'ad_object', 'ad_account']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
