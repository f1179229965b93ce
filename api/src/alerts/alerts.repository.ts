import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DayRange, HourlyActivity } from '@ctm/metrics';
import { DataSource } from 'typeorm';
import type { Freshness } from './alerts.service.js';

export type BlockCounts = { id: string; name: string | null; newContacts: number; blocked: number };
export type PolicyNotice = {
  pageId: string;
  pageName: string | null;
  time: Date;
  action: string;
  reason: string | null;
};
export type AccountSyncState = {
  id: string;
  name: string | null;
  connectionStatus: string;
  connectionError: string | null;
  insightsSyncedAt: Date | null;
  lastRun: { status: string; error: string | null; finishedAt: Date | null } | null;
};
export type PageRhythm = { pageId: string; name: string | null; lastAt: Date | null; hourly: HourlyActivity[] };
export type AlertSettings = { slug: string; timeZone: string; threshold: number; minContacts: number };

/** What GET /api/alerts reads: rollups, page activity, sync state; no scan of raw events beyond policy notices (an index range). */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async settings(workspaceId: string): Promise<AlertSettings> {
    const [row] = await this.db.query(
      `SELECT slug, time_zone AS "timeZone", block_rate_threshold::float8 AS threshold,
         block_rate_min_contacts AS "minContacts"
       FROM workspace WHERE id = $1`,
      [workspaceId],
    );
    return row as AlertSettings;
  }

  /** New contacts and blocked (unreachable) new contacts per page, campaign or ref over a range. */
  async blockCounts(workspaceId: string, by: 'page' | 'campaign' | 'ref', range: DayRange): Promise<BlockCounts[]> {
    const sql = {
      page: `SELECT o.page_id AS id, p.name, sum(o.new_contacts)::int AS "newContacts",
               sum(o.unreachable_new_contacts)::int AS blocked
             FROM observed_daily o
             LEFT JOIN messenger_page p ON p.workspace_id = o.workspace_id AND p.page_id = o.page_id
             WHERE o.workspace_id = $1 AND o.day BETWEEN $2::date AND $3::date GROUP BY o.page_id, p.name`,
      campaign: `SELECT ad.campaign_id AS id, c.name, sum(o.new_contacts)::int AS "newContacts",
               sum(o.unreachable_new_contacts)::int AS blocked
             FROM observed_daily o
             JOIN ad_object ad ON ad.workspace_id = o.workspace_id AND ad.id = o.ad_id AND ad.level = 'ad'
             LEFT JOIN ad_object c ON c.workspace_id = ad.workspace_id AND c.id = ad.campaign_id
             WHERE o.workspace_id = $1 AND o.day BETWEEN $2::date AND $3::date AND o.source = 'ADS'
             GROUP BY ad.campaign_id, c.name`,
      ref: `SELECT o.source || ':' || o.ref AS id, o.ref AS name, sum(o.new_contacts)::int AS "newContacts",
               sum(o.unreachable_new_contacts)::int AS blocked
             FROM observed_daily o
             WHERE o.workspace_id = $1 AND o.day BETWEEN $2::date AND $3::date AND o.ref <> ''
             GROUP BY o.source, o.ref`,
    }[by];
    return this.db.query(sql, [workspaceId, range.from, range.to]);
  }

  /** Each page's latest policy-enforcement notice from Meta since a time. */
  async policyNotices(workspaceId: string, since: Date): Promise<PolicyNotice[]> {
    return this.db.query(
      `SELECT DISTINCT ON (e.page_id) e.page_id AS "pageId", p.name AS "pageName", e.time,
         coalesce(e.event->'policy'->>'action', 'unknown') AS action, e.event->'policy'->>'reason' AS reason
       FROM messenger_event e
       LEFT JOIN messenger_page p ON p.workspace_id = e.workspace_id AND p.page_id = e.page_id
       WHERE e.workspace_id = $1 AND e.kind = 'policy' AND e.time >= $2
       ORDER BY e.page_id, e.time DESC`,
      [workspaceId, since],
    );
  }

  async accounts(workspaceId: string): Promise<AccountSyncState[]> {
    return this.db.query(
      `SELECT a.id, a.name, a.connection_status AS "connectionStatus", a.connection_error AS "connectionError",
         a.insights_synced_at AS "insightsSyncedAt",
         (SELECT json_build_object('status', r.status, 'error', r.error, 'finishedAt', r.finished_at)
            FROM sync_run r
            WHERE r.workspace_id = a.workspace_id AND r.account_id = a.id AND r.status IN ('succeeded', 'failed')
            ORDER BY r.created_at DESC LIMIT 1) AS "lastRun"
       FROM ad_account a WHERE a.workspace_id = $1 ORDER BY a.id`,
      [workspaceId],
    );
  }

  /** Each connected page's last webhook and each ad account's last insights sync. */
  async freshness(workspaceId: string): Promise<Freshness> {
    const [pages, adAccounts]: [
      { id: string; name: string | null; at: Date | null }[],
      { id: string; name: string | null; at: Date | null }[],
    ] = await Promise.all([
      this.db.query(
        `SELECT p.page_id AS id, p.name, (SELECT max(a.last_received_at) FROM page_activity a
           WHERE a.workspace_id = p.workspace_id AND a.page_id = p.page_id) AS at
         FROM messenger_page p WHERE p.workspace_id = $1 ORDER BY p.page_id`,
        [workspaceId],
      ),
      this.db.query(`SELECT id, name, insights_synced_at AS at FROM ad_account WHERE workspace_id = $1 ORDER BY id`, [
        workspaceId,
      ]),
    ]);
    const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);
    return {
      pages: pages.map((p) => ({ id: p.id, name: p.name, lastWebhookAt: iso(p.at) })),
      adAccounts: adAccounts.map((a) => ({ id: a.id, name: a.name, insightsSyncedAt: iso(a.at) })),
    };
  }

  /** Connected pages with their webhook arrivals per hour since a time, and their last arrival ever recorded. */
  async pageRhythms(workspaceId: string, since: Date): Promise<PageRhythm[]> {
    const pages: { pageId: string; name: string | null; lastAt: Date | null }[] = await this.db.query(
      `SELECT p.page_id AS "pageId", p.name,
         (SELECT max(a.last_received_at) FROM page_activity a
          WHERE a.workspace_id = p.workspace_id AND a.page_id = p.page_id) AS "lastAt"
       FROM messenger_page p WHERE p.workspace_id = $1 ORDER BY p.page_id`,
      [workspaceId],
    );
    const hours: { pageId: string; hour: Date; events: number }[] = await this.db.query(
      `SELECT page_id AS "pageId", hour, events FROM page_activity WHERE workspace_id = $1 AND hour >= $2`,
      [workspaceId, since],
    );
    return pages.map((p) => ({
      ...p,
      hourly: hours.filter((h) => h.pageId === p.pageId).map((h) => ({ hour: h.hour.getTime(), events: h.events })),
    }));
  }
}
