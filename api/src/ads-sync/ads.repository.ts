import type { AdAccountStatus, AdAccountSummary, ConnectionStatus } from '@ctm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdLevel, RawObject } from '../meta/marketing-api.js';
import type { InsightRow } from './insight-row.js';

export type AccountRow = AdAccountSummary;

const ACCOUNT_COLUMNS = `workspace_id AS "workspaceId", id, name, currency, timezone_name AS "timezoneName",
  connection_status AS "connectionStatus", connection_error AS "connectionError"`;

/** Ad accounts, the campaign tree with its change history, and daily insights: all upserts. */
@Injectable()
export class AdsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ensureAccount(workspaceId: string, accountId: string): Promise<void> {
    await this.db.query(`INSERT INTO ad_account (workspace_id, id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      workspaceId,
      accountId,
    ]);
  }

  /** The workspace's synced accounts with their connection status and freshness (no token: those never leave MetaConnections). */
  async accounts(workspaceId: string): Promise<AdAccountStatus<Date>[]> {
    return (await this.db.query(
      `SELECT ${ACCOUNT_COLUMNS}, structure_synced_at AS "structureSyncedAt", insights_synced_at AS "insightsSyncedAt"
       FROM ad_account WHERE workspace_id = $1 ORDER BY id`,
      [workspaceId],
    )) as AdAccountStatus<Date>[];
  }

  async account(workspaceId: string, accountId: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query(`SELECT ${ACCOUNT_COLUMNS} FROM ad_account WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      accountId,
    ]);
    return row as AccountRow | undefined;
  }

  async updateAccount(workspaceId: string, accountId: string, fields: RawObject): Promise<void> {
    const business = fields['business'] as { id?: string } | undefined;
    await this.db.query(
      `UPDATE ad_account SET name = $3, currency = $4, timezone_name = $5, account_status = $6, business_id = $7,
         connection_status = 'ok', connection_error = NULL, structure_synced_at = now(), updated_at = now()
       WHERE workspace_id = $1 AND id = $2`,
      [
        workspaceId,
        accountId,
        fields['name'] ?? null,
        fields['currency'] ?? null,
        fields['timezone_name'] ?? null,
        fields['account_status'] === undefined ? null : Number(fields['account_status']),
        business?.id ?? null,
      ],
    );
  }

  async markConnection(workspaceId: string, accountId: string, status: ConnectionStatus, error: string | null) {
    await this.db.query(
      `UPDATE ad_account SET connection_status = $3, connection_error = $4, updated_at = now()
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, accountId, status, error],
    );
  }

  /**
   * Upserts one page of campaigns, ad sets or ads. A changed name, status or effective status is
   * recorded in ad_object_change at Graph's updated_time; objects are never deleted.
   */
  async upsertObjects(workspaceId: string, accountId: string, level: AdLevel, objects: RawObject[]): Promise<void> {
    if (objects.length === 0) return;
    await this.db.query(
      `WITH incoming AS (
         SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(id text, campaign_id text, adset_id text, name text,
           status text, effective_status text, objective text, created_time timestamptz, updated_time timestamptz)
       ), previous AS (
         SELECT o.id, o.name, o.status, o.effective_status FROM ad_object o JOIN incoming i USING (id)
         WHERE o.workspace_id = $1
       ), changes AS (
         INSERT INTO ad_object_change (workspace_id, object_id, field, changed_at, old_value, new_value)
         SELECT $1, i.id, c.field, coalesce(i.updated_time, now()), c.old_value, c.new_value
         FROM incoming i JOIN previous p USING (id)
         CROSS JOIN LATERAL (VALUES ('name', p.name, i.name), ('status', p.status, i.status),
           ('effective_status', p.effective_status, i.effective_status)) AS c(field, old_value, new_value)
         WHERE c.old_value IS DISTINCT FROM c.new_value
         ON CONFLICT DO NOTHING
       )
       INSERT INTO ad_object (workspace_id, id, account_id, level, campaign_id, adset_id, name, status,
         effective_status, objective, created_time, updated_time)
       SELECT $1, id, $2, $3, campaign_id, adset_id, coalesce(name, id), status, effective_status, objective,
         created_time, updated_time FROM incoming
       ON CONFLICT (workspace_id, id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
         effective_status = EXCLUDED.effective_status, objective = EXCLUDED.objective,
         campaign_id = EXCLUDED.campaign_id, adset_id = EXCLUDED.adset_id,
         created_time = EXCLUDED.created_time, updated_time = EXCLUDED.updated_time, last_seen_at = now()`,
      [workspaceId, accountId, level, JSON.stringify(objects)],
    );
  }

  /** Upserts daily rows: a re-pull of a restated day replaces its figures, never duplicates the row. */
  async upsertInsights(workspaceId: string, rows: InsightRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    await this.db.query(
      `INSERT INTO ad_insight_daily (workspace_id, ad_id, day, account_id, campaign_id, adset_id, currency, spend,
         impressions, reach, clicks, link_clicks, conversations_started, first_replies, total_connections, blocks,
         depth2, depth3, depth5, replied_7d, actions, cost_per_action_type, pulled_at)
       SELECT $1, r."adId", r.day, r."accountId", r."campaignId", r."adsetId", r.currency, r.spend, r.impressions,
         r.reach, r.clicks, r."linkClicks", r."conversationsStarted", r."firstReplies", r."totalConnections", r.blocks,
         r.depth2, r.depth3, r.depth5, r.replied7d, r.actions, r."costPerActionType", now()
       FROM jsonb_to_recordset($2::jsonb) AS r("adId" text, day date, "accountId" text, "campaignId" text,
         "adsetId" text, currency text, spend numeric, impressions bigint, reach bigint, clicks bigint,
         "linkClicks" bigint, "conversationsStarted" int, "firstReplies" int, "totalConnections" int, blocks int,
         depth2 int, depth3 int, depth5 int, replied7d int, actions jsonb, "costPerActionType" jsonb)
       ON CONFLICT (workspace_id, ad_id, day) DO UPDATE SET account_id = EXCLUDED.account_id,
         campaign_id = EXCLUDED.campaign_id, adset_id = EXCLUDED.adset_id, currency = EXCLUDED.currency,
         spend = EXCLUDED.spend, impressions = EXCLUDED.impressions, reach = EXCLUDED.reach, clicks = EXCLUDED.clicks,
         link_clicks = EXCLUDED.link_clicks, conversations_started = EXCLUDED.conversations_started,
         first_replies = EXCLUDED.first_replies, total_connections = EXCLUDED.total_connections,
         blocks = EXCLUDED.blocks, depth2 = EXCLUDED.depth2, depth3 = EXCLUDED.depth3, depth5 = EXCLUDED.depth5,
         replied_7d = EXCLUDED.replied_7d, actions = EXCLUDED.actions,
         cost_per_action_type = EXCLUDED.cost_per_action_type, pulled_at = now()`,
      [workspaceId, JSON.stringify(rows)],
    );
    return rows.length;
  }

  async markInsightsSynced(workspaceId: string, accountId: string): Promise<void> {
    await this.db.query(`UPDATE ad_account SET insights_synced_at = now() WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      accountId,
    ]);
  }
}
