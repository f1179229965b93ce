import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DayRange } from '@ctm/metrics';
import { DataSource } from 'typeorm';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { GraphCallError } from '../meta/graph-call.js';
import type { ReachLevel } from '../meta/marketing-api.js';
import { MetaClientFactory } from '../meta/meta-client.factory.js';
import { MetaConnections } from '../meta/meta-connections.js';
import { shiftDay, todayIn } from './sync-plan.js';

/** `ready`: Meta's figure for exactly this range; `pending`: being fetched, ask again; `unavailable`: no connection. */
export type ReachStatus = 'ready' | 'pending' | 'unavailable';
export type Reach = { reach: number | null; impressions: number | null; status: ReachStatus };

export type ReachReport = {
  accounts: Map<string, Reach & { currency: string | null }>;
  /** campaigns, ad sets and ads by id (ids are unique across levels) */
  objects: Map<string, Reach>;
};

/** Meta restates the last 28 days: a range that reaches into them is fetched again after this long. */
const RECENT_DAYS = 28;
const STALE_MS = 6 * 3_600_000;
/** After a failed fetch, the same account and range are not asked again for this long. */
const COOLDOWN_MS = 10 * 60_000;

/**
 * Meta's unique reach for the ranges people ask about. Reach does not add up over days, so it cannot
 * come from the daily rows: the first request for a range finds it `pending` and fetches it from Graph
 * in the background (account, campaign, ad set and ad level, time_increment=all_days), later ones find it in
 * reach_range. Ranges touching Meta's 28-day restatement window are fetched again after six hours.
 */
@Injectable()
export class ReachService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReachService.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly failedAt = new Map<string, number>();
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly connections: MetaConnections,
    private readonly clients: MetaClientFactory,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.settle();
  }

  /** Waits for the fetches under way (tests, commands). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  async forRange(workspaceId: string, range: DayRange): Promise<ReachReport> {
    const now = this.clock.now();
    const [accounts, fetches, rows] = await Promise.all([
      this.db.query(
        `SELECT id, coalesce(timezone_name, 'UTC') AS tz, currency FROM ad_account WHERE workspace_id = $1`,
        [workspaceId],
      ) as Promise<{ id: string; tz: string; currency: string | null }[]>,
      this.db.query(
        `SELECT account_id, fetched_at FROM reach_fetch WHERE workspace_id = $1 AND since = $2 AND until = $3`,
        [workspaceId, range.from, range.to],
      ) as Promise<{ account_id: string; fetched_at: Date }[]>,
      this.db.query(
        `SELECT account_id, level, object_id, reach::float8 AS reach, impressions::float8 AS impressions
         FROM reach_range WHERE workspace_id = $1 AND since = $2 AND until = $3`,
        [workspaceId, range.from, range.to],
      ) as Promise<{ account_id: string; level: string; object_id: string; reach: number; impressions: number }[]>,
    ]);
    const fetchedAt = new Map(fetches.map((f) => [f.account_id, new Date(f.fetched_at).getTime()]));
    const statusOf = new Map<string, ReachStatus>();
    for (const account of accounts) {
      const connection = this.connections.get(workspaceId, account.id);
      const fetched = fetchedAt.get(account.id);
      if (!connection || connection.tokenRefused) {
        statusOf.set(account.id, fetched === undefined ? 'unavailable' : 'ready');
        continue;
      }
      const recent = range.to >= shiftDay(todayIn(account.tz, now), -RECENT_DAYS);
      if (fetched === undefined || (recent && now - fetched > STALE_MS))
        this.fetch(workspaceId, account.id, connection.accessToken, range);
      statusOf.set(account.id, fetched === undefined ? 'pending' : 'ready');
    }
    const report: ReachReport = { accounts: new Map(), objects: new Map() };
    for (const account of accounts) {
      const status = statusOf.get(account.id)!;
      // an account fetched with no row had no delivery in the range: reach 0
      const zero = status === 'ready' ? 0 : null;
      report.accounts.set(account.id, { reach: zero, impressions: zero, status, currency: account.currency });
    }
    for (const r of rows) {
      const figures = { reach: r.reach, impressions: r.impressions, status: 'ready' as const };
      if (r.level !== 'account') report.objects.set(r.object_id, figures);
      else {
        const account = report.accounts.get(r.object_id);
        if (account) report.accounts.set(r.object_id, { ...account, ...figures });
      }
    }
    return report;
  }

  /** A campaign's, ad set's or ad's reach: its row, or 0 when its account was fetched and it had no delivery. */
  static object(report: ReachReport, objectId: string, accountId: string | null): Reach {
    const row = report.objects.get(objectId);
    if (row) return row;
    const account = accountId ? report.accounts.get(accountId) : undefined;
    if (!account) return { reach: null, impressions: null, status: 'unavailable' };
    return {
      reach: account.status === 'ready' ? 0 : null,
      impressions: account.status === 'ready' ? 0 : null,
      status: account.status,
    };
  }

  private fetch(workspaceId: string, accountId: string, token: string, range: DayRange): void {
    const key = `${workspaceId}/${accountId}/${range.from}/${range.to}`;
    if (this.stopping || this.inFlight.has(key)) return;
    if (this.clock.now() - (this.failedAt.get(key) ?? -Infinity) < COOLDOWN_MS) return;
    const work = this.pull(workspaceId, accountId, token, range)
      .catch((error: unknown) => {
        this.failedAt.set(key, this.clock.now());
        const message = error instanceof GraphCallError ? error.failure.message : String(error);
        this.logger.warn(`reach of ${accountId} for ${range.from}–${range.to} not fetched: ${message}`);
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
  }

  private async pull(workspaceId: string, accountId: string, token: string, range: DayRange): Promise<void> {
    const api = this.clients.create(token, () => {});
    const since = range.from;
    const until = range.to;
    const rows: { level: ReachLevel; id: string; reach: number; impressions: number }[] = [];
    for (const level of ['account', 'campaign', 'adset', 'ad'] as const)
      for await (const page of api.reach(accountId, level, { since, until }))
        for (const r of page)
          rows.push({
            level,
            id: level === 'account' ? accountId : String(r[`${level}_id`]),
            reach: Number(r['reach'] ?? 0),
            impressions: Number(r['impressions'] ?? 0),
          });
    await this.db.transaction(async (m) => {
      await m.query(
        `DELETE FROM reach_range WHERE workspace_id = $1 AND account_id = $2 AND since = $3 AND until = $4`,
        [workspaceId, accountId, since, until],
      );
      if (rows.length > 0)
        await m.query(
          `INSERT INTO reach_range (workspace_id, account_id, level, object_id, since, until, reach, impressions, fetched_at)
           SELECT $1, $2, r.level, r.id, $3, $4, r.reach, r.impressions, now()
           FROM jsonb_to_recordset($5::jsonb) AS r(level text, id text, reach bigint, impressions bigint)`,
          [workspaceId, accountId, since, until, JSON.stringify(rows)],
        );
      await m.query(
        `INSERT INTO reach_fetch (workspace_id, account_id, since, until, fetched_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (workspace_id, account_id, since, until) DO UPDATE SET fetched_at = now()`,
        [workspaceId, accountId, since, until],
      );
    });
  }
}
