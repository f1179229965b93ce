import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shiftDay, type DayRange } from '@ctm/metrics';
import { DataSource } from 'typeorm';
import type { Filters } from './dto/filters.dto.js';
import { deliveryRows, hasAdFilter, observedRows, SqlParams } from './filter-sql.js';
import { MetricsRepository } from './metrics.repository.js';

/** Observed vs Meta-reported for one ad (over the range) or one day (of one ad). */
export type ReconciliationRow = {
  /** the ad's id, or the day (YYYY-MM-DD) with `ad=` */
  key: string;
  adName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  /** Meta: onsite_conversion.messaging_conversation_started_7d, days in the ad account's time zone */
  metaConversationsStarted: number;
  /** observed people whose first message came from this ad, days in the workspace's time zone */
  observedNewContacts: number;
  /** observed people already in a conversation who came back through this ad */
  observedReengaged: number;
  /** Meta's count minus observed new and re-engaged contacts: positive when Meta saw more */
  gap: number;
};

export type ReconciliationCause = {
  cause: 'before_webhooks' | 'no_referral' | 'ad_not_synced' | 'seven_day_rule' | 'time_zones' | 'attribution_window';
  /** the contacts this cause can account for, when it can be counted */
  contacts: number | null;
  explanation: string;
};

export type Reconciliation = {
  range: DayRange;
  by: 'ad' | 'day';
  ad: string | null;
  timeZones: { messenger: string; ads: string[] };
  totals: Omit<ReconciliationRow, 'key' | 'adName' | 'campaignId' | 'campaignName'>;
  /** the likely causes of the gap, each with what it can explain */
  causes: ReconciliationCause[];
  /** worst gaps first */
  rows: ReconciliationRow[];
};

type Counts = { meta: number; observedNew: number; reengaged: number };

/**
 * GET /api/reconciliation: what Meta says the ads started (conversations started, 7-day rule)
 * against the contacts the webhooks show arriving from those ads, per ad (or per day of one ad),
 * with the likely causes of the gap counted where they can be. Both sides are read from the rollups.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MetricsRepository,
  ) {}

  async report(workspaceId: string, range: DayRange, filters: Filters = {}): Promise<Reconciliation> {
    await this.repo.checkFilters(workspaceId, filters);
    const ad = filters.ad;
    const by = ad ? 'day' : 'ad';
    const m = new SqlParams(workspaceId);
    const meta: { key: string; n: number }[] = await this.db.query(
      `SELECT ${by === 'day' ? 'i.day::text' : 'i.ad_id'} AS key, sum(i.conversations_started)::int AS n
       FROM ${deliveryRows(range, filters, m, { finer: true })}
       GROUP BY 1`,
      m.values,
    );
    const o = new SqlParams(workspaceId);
    const observed: { key: string; new_contacts: number; reengaged: number }[] = await this.db.query(
      `SELECT ${by === 'day' ? 'o.day::text' : 'o.ad_id'} AS key, sum(o.new_contacts)::int AS new_contacts,
         sum(o.reengaged_contacts)::int AS reengaged
       FROM ${observedRows(range, filters, o, { day: true, adArrivals: true })}
       WHERE o.source = 'ADS' AND o.ad_id <> ''
       GROUP BY 1`,
      o.values,
    );
    const counts = new Map<string, Counts>();
    const at = (key: string) => {
      const c = counts.get(key) ?? { meta: 0, observedNew: 0, reengaged: 0 };
      counts.set(key, c);
      return c;
    };
    for (const m of meta) at(m.key).meta += m.n;
    for (const o of observed) Object.assign(at(o.key), { observedNew: o.new_contacts, reengaged: o.reengaged });

    const names = await this.names(workspaceId, by === 'ad' ? [...counts.keys()] : [ad!]);
    const rows: ReconciliationRow[] = [...counts].map(([key, c]) => {
      const info = names.get(by === 'ad' ? key : ad!);
      return {
        key,
        adName: info?.name ?? null,
        campaignId: info?.campaignId ?? null,
        campaignName: info?.campaignName ?? null,
        metaConversationsStarted: c.meta,
        observedNewContacts: c.observedNew,
        observedReengaged: c.reengaged,
        gap: c.meta - c.observedNew - c.reengaged,
      };
    });
    rows.sort((a, b) =>
      by === 'day' ? a.key.localeCompare(b.key) : Math.abs(b.gap) - Math.abs(a.gap) || a.key.localeCompare(b.key),
    );
    const totals = rows.reduce(
      (t, r) => ({
        metaConversationsStarted: t.metaConversationsStarted + r.metaConversationsStarted,
        observedNewContacts: t.observedNewContacts + r.observedNewContacts,
        observedReengaged: t.observedReengaged + r.observedReengaged,
        gap: t.gap + r.gap,
      }),
      { metaConversationsStarted: 0, observedNewContacts: 0, observedReengaged: 0, gap: 0 },
    );
    const timeZones = await this.timeZones(workspaceId);
    const causes = await this.causes(workspaceId, range, timeZones, totals, rows, by, hasAdFilter(filters));
    const before = await this.beforeWebhooks(workspaceId, range, filters);
    if (before) causes.unshift(before);
    return { range, by, ad: ad ?? null, timeZones, totals, causes, rows };
  }

  private async causes(
    workspaceId: string,
    range: DayRange,
    timeZones: Reconciliation['timeZones'],
    totals: Reconciliation['totals'],
    rows: ReconciliationRow[],
    by: 'ad' | 'day',
    filtered: boolean,
  ): Promise<ReconciliationCause[]> {
    const causes: ReconciliationCause[] = [];
    const [{ n: noReferral }] = await this.db.query(
      `SELECT coalesce(sum(new_contacts), 0)::int AS n FROM observed_daily
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date AND source = 'ORGANIC'`,
      [workspaceId, range.from, range.to],
    );
    if (totals.gap > 0 && noReferral > 0)
      causes.push({
        cause: 'no_referral',
        contacts: noReferral,
        explanation:
          `${noReferral} new contacts in these days${filtered ? ' (on every page, not only these ads)' : ''} came with no referral in the webhook payload: ` +
          `some may have come from these ads, but Meta did not say so, so they cannot be counted for an ad.`,
      });
    const unsynced =
      by === 'ad' ? rows.filter((r) => r.adName === null && r.observedNewContacts + r.observedReengaged > 0) : [];
    if (unsynced.length > 0)
      causes.push({
        cause: 'ad_not_synced',
        contacts: unsynced.reduce((n, r) => n + r.observedNewContacts + r.observedReengaged, 0),
        explanation: `${unsynced.length} ad${unsynced.length === 1 ? ' is' : 's are'} named in referrals but not synced yet (${unsynced
          .slice(0, 5)
          .map((r) => r.key)
          .join(
            ', ',
          )}${unsynced.length > 5 ? ', …' : ''}): their contacts are counted, but Meta's figures for them arrive with the next ads sync.`,
      });
    if (totals.observedReengaged > 0)
      causes.push({
        cause: 'seven_day_rule',
        contacts: totals.observedReengaged,
        explanation:
          `Meta counts a conversation as started when a person writes after 7 days of silence, even someone already in a conversation; ` +
          `${totals.observedReengaged} such returns through these ads are counted here as re-engaged, not new, and are taken off the gap.`,
      });
    const otherZones = timeZones.ads.filter((z) => z !== timeZones.messenger);
    if (otherZones.length > 0)
      causes.push({
        cause: 'time_zones',
        contacts: null,
        explanation: `Meta dates its counts in the ad account's time zone (${otherZones.join(', ')}), contacts are dated in the workspace's (${timeZones.messenger}): a contact near midnight can fall on the next or previous day, so daily gaps partly cancel over a longer range.`,
      });
    if (totals.gap !== 0)
      causes.push({
        cause: 'attribution_window',
        contacts: null,
        explanation:
          'Meta credits conversations to an ad within its attribution window and partly models them (since iOS 14.5), and restates the last 28 days as it learns more; webhooks show only what actually arrived. A gap of a few percent either way is normal.',
      });
    return causes;
  }

  /**
   * Meta's conversations on days before the first contact the webhooks ever showed: a new
   * installation syncs weeks of insights at once, but sees only the messages from then on.
   */
  private async beforeWebhooks(
    workspaceId: string,
    range: DayRange,
    filters: Filters,
  ): Promise<ReconciliationCause | null> {
    const [{ first }] = await this.db.query(
      `SELECT min(day)::text AS first FROM observed_daily_ref WHERE workspace_id = $1 AND new_contacts > 0`,
      [workspaceId],
    );
    if (first !== null && first <= range.from) return null;
    const until = first === null ? range.to : first;
    // the days before the first contact: up to the range's end, or the day before that contact
    const p = new SqlParams(workspaceId);
    const dayBefore = first === null ? until : shiftDay(until, -1);
    const days = { from: range.from, to: dayBefore < range.to ? dayBefore : range.to };
    const [{ n }] = await this.db.query(
      `SELECT coalesce(sum(i.conversations_started), 0)::int AS n FROM ${deliveryRows(days, filters, p, { finer: true })}`,
      p.values,
    );
    if (n === 0) return null;
    return {
      cause: 'before_webhooks',
      contacts: n,
      explanation:
        first === null
          ? `No contact has arrived through the webhooks yet: Meta's ${n} conversations started in these days cannot be matched. Check that the pages are connected and subscribed.`
          : `The webhooks showed their first contact on ${first}: Meta's ${n} conversations started before that day cannot be matched (the insights were synced further back than the messages were received).`,
    };
  }

  private async names(
    workspaceId: string,
    ids: string[],
  ): Promise<Map<string, { name: string; campaignId: string | null; campaignName: string | null }>> {
    const rows: { id: string; name: string; campaign_id: string | null; campaign_name: string | null }[] =
      await this.db.query(
        `SELECT ad.id, ad.name, ad.campaign_id, c.name AS campaign_name FROM ad_object ad
         LEFT JOIN ad_object c ON c.workspace_id = ad.workspace_id AND c.id = ad.campaign_id
         WHERE ad.workspace_id = $1 AND ad.id = ANY($2) AND ad.level = 'ad'`,
        [workspaceId, ids],
      );
    return new Map(rows.map((r) => [r.id, { name: r.name, campaignId: r.campaign_id, campaignName: r.campaign_name }]));
  }

  private async timeZones(workspaceId: string): Promise<Reconciliation['timeZones']> {
    const [{ tz }] = await this.db.query(`SELECT time_zone AS tz FROM workspace WHERE id = $1`, [workspaceId]);
    const ads: { tz: string }[] = await this.db.query(
      `SELECT DISTINCT timezone_name AS tz FROM ad_account WHERE workspace_id = $1 AND timezone_name IS NOT NULL ORDER BY 1`,
      [workspaceId],
    );
    return { messenger: tz, ads: ads.map((a) => a.tz) };
  }
}
