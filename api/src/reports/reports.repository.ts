import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DayRange } from '@ctm/metrics';
import type { ReportContent, ReportKind } from '@ctm/reports';
import { DataSource } from 'typeorm';

export type ReportStatus = 'generating' | 'ready' | 'failed';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export type ReportDelivery = {
  recipients: string[];
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
};

/** A report as the history lists it: no figures. */
export type ReportSummary = {
  id: string;
  kind: ReportKind;
  week: string | null;
  range: DayRange;
  comparison: DayRange;
  status: ReportStatus;
  error: string | null;
  requestedBy: string;
  createdAt: string;
  generatedAt: string | null;
  freshness: { lastSyncAt: string | null; lastWebhookAt: string | null };
  delivery: ReportDelivery | null;
};

export type ReportSettings = { weeklyEnabled: boolean; weeklyTime: string; recipients: string[] };
export type ScheduledWorkspace = ReportSettings & { id: string; slug: string; timeZone: string; hasAds: boolean };
export type ClaimedDelivery = { reportId: string; workspaceId: string; recipients: string[]; attempts: number };

type NewReport = {
  workspaceId: string;
  kind: ReportKind;
  week: string | null;
  range: DayRange;
  comparison: DayRange;
  requestedBy: string;
};

const SUMMARY = `r.id, r.kind, r.week, json_build_object('from', r.range_from::text, 'to', r.range_to::text) AS range,
  json_build_object('from', r.comparison_from::text, 'to', r.comparison_to::text) AS comparison,
  r.status, r.error, r.requested_by AS "requestedBy",
  to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(r.generated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "generatedAt",
  json_build_object('lastSyncAt', r.last_sync_at, 'lastWebhookAt', r.last_webhook_at) AS freshness,
  CASE WHEN d.report_id IS NULL THEN NULL ELSE json_build_object(
    'recipients', d.recipients, 'status', d.status, 'attempts', d.attempts,
    'nextAttemptAt', CASE WHEN d.status IN ('pending', 'sending') THEN d.next_attempt_at END,
    'lastError', d.last_error, 'sentAt', d.sent_at) END AS delivery`;
const FROM = `report r LEFT JOIN report_delivery d ON d.report_id = r.id`;

/** Reports, their schedule settings and their e-mail deliveries. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * A new report row, generating. For a weekly report the (workspace, week, kind) key decides
   * between instances: undefined when that week's report exists already.
   */
  async insert(r: NewReport): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO report (workspace_id, kind, week, range_from, range_to, comparison_from, comparison_to, status, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'generating', $8)
       ON CONFLICT (workspace_id, week, kind) DO NOTHING RETURNING id`,
      [r.workspaceId, r.kind, r.week, r.range.from, r.range.to, r.comparison.from, r.comparison.to, r.requestedBy],
    );
    return rows[0]?.id;
  }

  /** The weekly report of a week, if made. */
  async weekly(workspaceId: string, week: string): Promise<ReportSummary | undefined> {
    const [row] = await this.db.query(
      `SELECT ${SUMMARY} FROM ${FROM} WHERE r.workspace_id = $1 AND r.kind = 'weekly' AND r.week = $2`,
      [workspaceId, week],
    );
    return row ? normalise(row) : undefined;
  }

  /** Takes a failed weekly report (or one whose maker died) back to generating; false when another caller did first. */
  async retry(workspaceId: string, id: string, requestedBy: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected]
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE report SET status = 'generating', error = NULL, requested_by = $3, created_at = now()
       WHERE workspace_id = $1 AND id = $2
         AND (status = 'failed' OR (status = 'generating' AND created_at < now() - interval '10 minutes'))
       RETURNING id`,
      [workspaceId, id, requestedBy],
    );
    return rows.length > 0;
  }

  async complete(
    id: string,
    content: ReportContent,
    freshness: { lastSyncAt: string | null; lastWebhookAt: string | null },
  ): Promise<void> {
    await this.db.query(
      `UPDATE report SET status = 'ready', content = $2, generated_at = $3, last_sync_at = $4, last_webhook_at = $5
       WHERE id = $1`,
      [id, JSON.stringify(content), content.generatedAt, freshness.lastSyncAt, freshness.lastWebhookAt],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.query(`UPDATE report SET status = 'failed', error = $2 WHERE id = $1`, [id, error]);
  }

  async list(workspaceId: string, limit: number): Promise<ReportSummary[]> {
    const rows: ReportSummary[] = await this.db.query(
      `SELECT ${SUMMARY} FROM ${FROM} WHERE r.workspace_id = $1 ORDER BY r.range_to DESC, r.created_at DESC LIMIT $2`,
      [workspaceId, limit],
    );
    return rows.map(normalise);
  }

  /** A report of the workspace with its stored content; undefined for another workspace's. */
  async get(workspaceId: string, id: string): Promise<(ReportSummary & { content: ReportContent | null }) | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
    const [row] = await this.db.query(
      `SELECT ${SUMMARY}, r.content FROM ${FROM} WHERE r.workspace_id = $1 AND r.id = $2`,
      [workspaceId, id],
    );
    return row ? { ...normalise(row), content: row.content as ReportContent | null } : undefined;
  }

  /** When the workspace's data last moved: its last successful ads sync and its last webhook. */
  async freshness(workspaceId: string): Promise<{ lastSyncAt: string | null; lastWebhookAt: string | null }> {
    const [row] = await this.db.query(
      `SELECT (SELECT max(finished_at) FROM sync_run WHERE workspace_id = $1 AND status = 'succeeded') AS sync,
              (SELECT max(last_received_at) FROM page_activity WHERE workspace_id = $1) AS webhook`,
      [workspaceId],
    );
    const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);
    return { lastSyncAt: iso(row.sync), lastWebhookAt: iso(row.webhook) };
  }

  async workspace(workspaceId: string): Promise<{ slug: string; name: string; timeZone: string }> {
    const [row] = await this.db.query(`SELECT slug, name, time_zone AS "timeZone" FROM workspace WHERE id = $1`, [
      workspaceId,
    ]);
    return row;
  }

  async settings(workspaceId: string): Promise<ReportSettings> {
    const [row] = await this.db.query(
      `SELECT weekly_enabled AS "weeklyEnabled", weekly_time AS "weeklyTime", recipients
       FROM report_settings WHERE workspace_id = $1`,
      [workspaceId],
    );
    return (row as ReportSettings | undefined) ?? { weeklyEnabled: true, weeklyTime: '06:00', recipients: [] };
  }

  async saveSettings(workspaceId: string, s: ReportSettings): Promise<ReportSettings> {
    const [row] = await this.db.query(
      `INSERT INTO report_settings (workspace_id, weekly_enabled, weekly_time, recipients) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id) DO UPDATE SET weekly_enabled = EXCLUDED.weekly_enabled,
         weekly_time = EXCLUDED.weekly_time, recipients = EXCLUDED.recipients, updated_at = now()
       RETURNING weekly_enabled AS "weeklyEnabled", weekly_time AS "weeklyTime", recipients`,
      [workspaceId, s.weeklyEnabled, s.weeklyTime, s.recipients],
    );
    return row as ReportSettings;
  }

  /** Workspaces with something to report on (a page or an ad account) and weekly reports on. */
  async scheduled(): Promise<ScheduledWorkspace[]> {
    return this.db.query(
      `SELECT w.id, w.slug, w.time_zone AS "timeZone", coalesce(s.weekly_enabled, true) AS "weeklyEnabled",
         coalesce(s.weekly_time, '06:00') AS "weeklyTime", coalesce(s.recipients, '{}') AS recipients,
         EXISTS (SELECT 1 FROM ad_account a WHERE a.workspace_id = w.id) AS "hasAds"
       FROM workspace w LEFT JOIN report_settings s ON s.workspace_id = w.id
       WHERE coalesce(s.weekly_enabled, true)
         AND (EXISTS (SELECT 1 FROM messenger_page p WHERE p.workspace_id = w.id)
           OR EXISTS (SELECT 1 FROM ad_account a WHERE a.workspace_id = w.id))
       ORDER BY w.slug`,
    );
  }

  /** Queues a report's e-mail (once per report). */
  async queueDelivery(reportId: string, workspaceId: string, recipients: string[], at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO report_delivery (report_id, workspace_id, recipients, status, next_attempt_at)
       VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (report_id) DO NOTHING`,
      [reportId, workspaceId, recipients, at],
    );
  }

  /**
   * Deliveries due at `now`, claimed for this instance (another skips them); one claimed by an
   * instance that died `staleMs` ago is due again.
   */
  async claimDeliveries(now: Date, staleMs: number, limit = 10): Promise<ClaimedDelivery[]> {
    const [rows]: [ClaimedDelivery[], number] = await this.db.query(
      `UPDATE report_delivery d SET status = 'sending', claimed_at = $1, attempts = d.attempts + 1
       FROM (SELECT report_id FROM report_delivery
             WHERE (status = 'pending' AND next_attempt_at <= $1)
                OR (status = 'sending' AND claimed_at < $1::timestamptz - make_interval(secs => $2 / 1000.0))
             ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
       WHERE d.report_id = due.report_id
       RETURNING d.report_id AS "reportId", d.workspace_id AS "workspaceId", d.recipients, d.attempts`,
      [now, staleMs, limit],
    );
    return rows;
  }

  async delivered(reportId: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE report_delivery SET status = 'sent', sent_at = $2, last_error = NULL, claimed_at = NULL WHERE report_id = $1`,
      [reportId, at],
    );
  }

  /** A failed attempt: again at `retryAt`, or failed for good when that is null. */
  async deliveryFailed(reportId: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db.query(
      `UPDATE report_delivery SET status = $2, last_error = $3, next_attempt_at = coalesce($4, next_attempt_at),
         claimed_at = NULL WHERE report_id = $1`,
      [reportId, retryAt ? 'pending' : 'failed', error, retryAt],
    );
  }
}

/** Dates from json_build_object come as the database writes them: ISO strings in UTC here. */
function normalise(row: ReportSummary): ReportSummary {
  const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
  return {
    ...row,
    freshness: { lastSyncAt: iso(row.freshness.lastSyncAt), lastWebhookAt: iso(row.freshness.lastWebhookAt) },
    delivery: row.delivery
      ? {
          ...row.delivery,
          nextAttemptAt: iso(row.delivery.nextAttemptAt),
          sentAt: iso(row.delivery.sentAt),
        }
      : null,
  };
}
