import { Inject, Injectable } from '@nestjs/common';
import { blockRateVerdict, dayIn, shiftDay, webhookSilence, type DayRange } from '@ctm/metrics';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { AlertsRepository } from './alerts.repository.js';

export type AlertKind =
  | 'demo'
  | 'token_invalid'
  | 'token_expiring'
  | 'sync_failing'
  | 'sync_stale'
  | 'block_rate'
  | 'policy_enforcement'
  | 'webhooks_silent';
export type AlertSeverity = 'critical' | 'warning' | 'info';
export type AlertSubject = {
  type: 'workspace' | 'connection' | 'ad_account' | 'page' | 'campaign' | 'ref';
  id: string;
  name: string | null;
};

export type Alert = {
  /** stable while the condition lasts: kind and subject */
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  subject: AlertSubject;
  /** one sentence saying what is wrong and what to do */
  message: string;
  /** when the condition started, when known */
  since: string | null;
  /** the numbers behind a block-rate or silence alert */
  figures?: Record<string, number | [number, number]>;
};

export type Alerts = {
  generatedAt: string;
  /** the days the block rates are over (the last 7, in the workspace's time zone) */
  blockRateRange: DayRange;
  blockRate: { threshold: number; minContacts: number };
  alerts: Alert[];
  /** how fresh the data is: each page's last webhook, each ad account's last insights sync */
  freshness: Freshness;
};

export type Freshness = {
  pages: { id: string; name: string | null; lastWebhookAt: string | null }[];
  adAccounts: { id: string; name: string | null; insightsSyncedAt: string | null }[];
};

/** Block rates are judged over this many days up to today. */
const BLOCK_RATE_DAYS = 7;
/** Policy notices older than this are no longer news. */
const POLICY_DAYS = 30;
/** Insights not synced for this long, while the account is connected and the hourly sync should run. */
const STALE_MS = 26 * 3_600_000;
const SILENCE_HISTORY_DAYS = 14;
const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * GET /api/alerts: what needs someone's attention now, worst first: tokens Meta refuses or that
 * expire soon, failing or stale syncs, block rates over the workspace's threshold (by page,
 * campaign and ref), Meta's policy enforcement, pages whose webhooks went quiet, the demo.
 */
@Injectable()
export class AlertsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repo: AlertsRepository,
    private readonly connections: ConnectionsService,
    private readonly metaConnections: MetaConnections,
  ) {}

  async report(workspaceId: string): Promise<Alerts> {
    const now = this.clock.now();
    const settings = await this.repo.settings(workspaceId);
    const today = dayIn(settings.timeZone, now);
    const blockRateRange = { from: shiftDay(today, -(BLOCK_RATE_DAYS - 1)), to: today };
    const alerts: Alert[] = [
      ...this.demo(settings.slug),
      ...(await this.tokens(workspaceId)),
      ...(await this.syncs(workspaceId, now)),
      ...(await this.blockRates(workspaceId, blockRateRange, settings.threshold, settings.minContacts)),
      ...(await this.policy(workspaceId, now)),
      ...(await this.silences(workspaceId, now)),
    ];
    alerts.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id.localeCompare(b.id));
    return {
      generatedAt: new Date(now).toISOString(),
      blockRateRange,
      blockRate: { threshold: settings.threshold, minContacts: settings.minContacts },
      alerts,
      freshness: await this.repo.freshness(workspaceId),
    };
  }

  private demo(slug: string): Alert[] {
    if (!this.config.demo || slug !== 'demo') return [];
    return [
      {
        id: 'demo',
        kind: 'demo',
        severity: 'info',
        subject: { type: 'workspace', id: slug, name: null },
        message:
          'This is the demo workspace: its figures come from the built-in Meta simulator, not from Meta. Connect a real account in Settings to see your own.',
        since: null,
      },
    ];
  }

  private async tokens(workspaceId: string): Promise<Alert[]> {
    const alerts: Alert[] = [];
    for (const c of await this.connections.list(workspaceId)) {
      if (c.status !== 'invalid' && c.status !== 'expiring') continue;
      const invalid = c.status === 'invalid';
      alerts.push({
        id: `${invalid ? 'token_invalid' : 'token_expiring'}:${c.id}`,
        kind: invalid ? 'token_invalid' : 'token_expiring',
        severity: invalid ? 'critical' : 'warning',
        subject: { type: 'connection', id: c.id, name: `token …${c.tokenLast4}` },
        message:
          c.statusDetail ??
          (invalid ? 'Meta no longer accepts this token: syncs stopped.' : 'This token expires soon.'),
        since: c.checkedAt ? new Date(c.checkedAt).toISOString() : null,
      });
    }
    return alerts;
  }

  private async syncs(workspaceId: string, now: number): Promise<Alert[]> {
    const alerts: Alert[] = [];
    for (const a of await this.repo.accounts(workspaceId)) {
      const subject: AlertSubject = { type: 'ad_account', id: a.id, name: a.name };
      const connected = this.metaConnections.get(workspaceId, a.id) !== undefined;
      if (a.connectionStatus !== 'ok') {
        alerts.push({
          id: `sync_failing:${a.id}`,
          kind: 'sync_failing',
          severity: 'critical',
          subject,
          message: `Ad account ${a.name ?? a.id} is not syncing: ${a.connectionError ?? a.connectionStatus}.`,
          since: a.lastRun?.finishedAt ? new Date(a.lastRun.finishedAt).toISOString() : null,
        });
      } else if (a.lastRun?.status === 'failed') {
        alerts.push({
          id: `sync_failing:${a.id}`,
          kind: 'sync_failing',
          severity: 'warning',
          subject,
          message: `The last sync of ad account ${a.name ?? a.id} failed: ${a.lastRun.error ?? 'no reason recorded'}.`,
          since: a.lastRun.finishedAt ? new Date(a.lastRun.finishedAt).toISOString() : null,
        });
      } else if (connected && this.config.sync.hourlyCron) {
        const synced = a.insightsSyncedAt ? new Date(a.insightsSyncedAt).getTime() : null;
        if (synced === null || now - synced > STALE_MS)
          alerts.push({
            id: `sync_stale:${a.id}`,
            kind: 'sync_stale',
            severity: 'warning',
            subject,
            message:
              synced === null
                ? `Ad account ${a.name ?? a.id} has no insights yet: its first sync has not finished.`
                : `Ad account ${a.name ?? a.id} was last synced ${hoursAgo(now, synced)} hours ago: its figures are out of date.`,
            since: synced === null ? null : new Date(synced).toISOString(),
          });
      }
    }
    return alerts;
  }

  private async blockRates(
    workspaceId: string,
    range: DayRange,
    threshold: number,
    minContacts: number,
  ): Promise<Alert[]> {
    const alerts: Alert[] = [];
    for (const by of ['page', 'campaign', 'ref'] as const) {
      for (const row of await this.repo.blockCounts(workspaceId, by, range)) {
        const verdict = blockRateVerdict(row.newContacts, row.blocked, threshold, minContacts);
        if (!verdict) continue;
        const name = row.name ?? row.id;
        const what = by === 'ref' ? `ref ${name}` : by === 'page' ? `page ${name}` : `campaign ${name}`;
        alerts.push({
          id: `block_rate:${by}:${row.id}`,
          kind: 'block_rate',
          severity: verdict.level,
          subject: { type: by, id: row.id, name: row.name },
          message:
            `${percent(verdict.rate)} of the ${row.newContacts} new contacts from ${what} in the last ${BLOCK_RATE_DAYS} days ` +
            `blocked the page, over the ${percent(threshold)} threshold` +
            (verdict.level === 'critical'
              ? ` (95% confident the true rate is over it).`
              : ` (it may still be chance: between ${percent(verdict.interval[0])} and ${percent(verdict.interval[1])}).`),
          since: null,
          figures: {
            newContacts: row.newContacts,
            blocked: row.blocked,
            blockRate: verdict.rate,
            interval: verdict.interval,
            threshold,
          },
        });
      }
    }
    return alerts;
  }

  private async policy(workspaceId: string, now: number): Promise<Alert[]> {
    const notices = await this.repo.policyNotices(workspaceId, new Date(now - POLICY_DAYS * 86_400_000));
    return notices.map((n) => {
      const blocked = n.action === 'block';
      const page = n.pageName ?? n.pageId;
      return {
        id: `policy_enforcement:${n.pageId}`,
        kind: 'policy_enforcement' as const,
        severity: blocked ? ('critical' as const) : ('info' as const),
        subject: { type: 'page' as const, id: n.pageId, name: n.pageName },
        message: blocked
          ? `Meta restricted page ${page} from messaging${n.reason ? `: ${n.reason}` : ''}. Review its messages against Meta's policies and appeal in the Page's support inbox.`
          : `Meta lifted its messaging restriction on page ${page}${n.reason ? ` (${n.reason})` : ''}.`,
        since: new Date(n.time).toISOString(),
      };
    });
  }

  private async silences(workspaceId: string, now: number): Promise<Alert[]> {
    const alerts: Alert[] = [];
    const since = new Date(now - (SILENCE_HISTORY_DAYS + 2) * 86_400_000);
    for (const page of await this.repo.pageRhythms(workspaceId, since)) {
      if (!page.lastAt) continue;
      const lastAt = new Date(page.lastAt).getTime();
      const silence = webhookSilence(page.hourly, lastAt, now, { days: SILENCE_HISTORY_DAYS });
      if (!silence) continue;
      alerts.push({
        id: `webhooks_silent:${page.pageId}`,
        kind: 'webhooks_silent',
        severity: 'warning',
        subject: { type: 'page', id: page.pageId, name: page.name },
        message:
          `No webhook from page ${page.name ?? page.pageId} for ${hoursAgo(now, lastAt)} hours, when it usually gets about ` +
          `${Math.round(silence.expected)} events in that time: check the app's webhook subscription and the page's connection.`,
        since: new Date(lastAt).toISOString(),
        figures: { silentHours: silence.silentHours, expectedEvents: silence.expected },
      });
    }
    return alerts;
  }
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function hoursAgo(now: number, then: number): number {
  return Math.max(1, Math.round((now - then) / 3_600_000));
}
