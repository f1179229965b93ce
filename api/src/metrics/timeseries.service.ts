import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { emptyTotals, metric, TOTALS, type MetricId, type Totals } from '@ctm/metrics';
import { DataSource } from 'typeorm';
import type { TimeseriesQuery } from './dto/timeseries-query.dto.js';
import { filtersOf, type Filters } from './dto/filters.dto.js';
import { deliveryApplies, deliveryRows, observedRows, SqlParams } from './filter-sql.js';
import { deliveryTotalsOf, MetricsRepository, observedTotalsOf } from './metrics.repository.js';

export type Series = {
  /** the campaign, ad, ref or source; null without groupBy */
  group: string | null;
  /** the currency of a money metric; null for counts and rates */
  currency: string | null;
  points: { period: string; value: number | null }[];
};

export type Timeseries = {
  metric: { id: MetricId; label: string; unit: string; better: string };
  interval: 'day' | 'week' | 'month';
  /** each point's period starts on this day (weeks start on Monday) */
  periods: string[];
  timeZones: { messenger: string; ads: string };
  series: Series[];
};

/** GET /api/timeseries: a metric per day, week or month, from the daily rollups and insights. */
@Injectable()
export class TimeseriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MetricsRepository,
  ) {}

  async report(workspaceId: string, q: TimeseriesQuery): Promise<Timeseries> {
    const m = metric(q.metric);
    // a median is not a sum: its histogram is kept per day and ref (response_daily), not read per period here yet
    if (q.metric === 'medianFirstResponse')
      throw new BadRequestException(
        'metric: medianFirstResponse is not served as a time series yet; /api/overview and /api/ref-links give it for a range',
      );
    const money = m.unit === 'money' || m.unit === 'multiple';
    const needsDelivery = m.source !== 'observed' || money;
    const needsObserved = m.source === 'observed';
    if (needsDelivery && (q.groupBy === 'ref' || q.groupBy === 'source'))
      throw new BadRequestException(
        `groupBy: ${q.metric} cannot be grouped by ${q.groupBy}: it needs spend or Meta's counts, which belong to ads`,
      );
    const filters = filtersOf(q);
    if (needsDelivery && !deliveryApplies(filters))
      throw new BadRequestException(
        `metric: ${q.metric} needs spend or Meta's counts, which Meta reports per ad, not per page, source or ref: drop those filters or pick an observed metric`,
      );
    await this.repo.checkFilters(workspaceId, filters);
    const [[{ time_zone: timeZone }], delivered, observed, periods] = await Promise.all([
      this.db.query(`SELECT time_zone FROM workspace WHERE id = $1`, [workspaceId]),
      needsDelivery ? this.delivery(workspaceId, q, filters) : [],
      needsObserved ? this.observed(workspaceId, q, filters, money) : [],
      this.periods(q),
    ]);
    const cells = new Map<string, { group: string | null; currency: string | null; period: string; totals: Totals }>();
    const add = (period: string, group: string | null, currency: string | null, totals: Partial<Totals>) => {
      const key = `${group}\u0000${currency}\u0000${period}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { group, currency, period, totals: emptyTotals() }));
      // in place: a year of days per campaign is tens of thousands of rows
      for (const name of TOTALS) cell.totals[name] += totals[name] ?? 0;
    };
    for (const r of delivered) add(r.period, r.grp, money ? r.currency : null, r.totals);
    for (const r of observed) add(r.period, r.grp, money ? r.currency : null, r.totals);
    const at = new Map(periods.map((period, i) => [period, i]));
    const bySeries = new Map<string, Series>();
    for (const cell of cells.values()) {
      if (money && !cell.currency) continue; // arrivals from ads not synced yet: no spend to set them against
      const key = `${cell.group}\u0000${cell.currency}`;
      const series = bySeries.get(key) ?? {
        group: cell.group,
        currency: cell.currency,
        points: periods.map((period) => ({ period, value: m.value(emptyTotals()) })),
      };
      const point = series.points[at.get(cell.period) ?? -1];
      if (point) point.value = m.value(cell.totals);
      bySeries.set(key, series);
    }
    return {
      metric: { id: q.metric, label: m.label, unit: m.unit, better: m.better },
      interval: q.interval,
      periods,
      timeZones: { messenger: timeZone, ads: "each ad account's own, as Meta reports" },
      series: [...bySeries.values()].sort(
        (a, b) =>
          String(a.group).localeCompare(String(b.group)) || String(a.currency).localeCompare(String(b.currency)),
      ),
    };
  }

  private async periods(q: TimeseriesQuery): Promise<string[]> {
    const rows: { period: string }[] = await this.db.query(
      `SELECT DISTINCT date_trunc($3, d)::date::text AS period
       FROM generate_series($1::date, $2::date, interval '1 day') AS d ORDER BY 1`,
      [q.from, q.to, q.interval],
    );
    return rows.map((r) => r.period);
  }

  private async delivery(workspaceId: string, q: TimeseriesQuery, filters: Filters) {
    const grp = q.groupBy === 'campaign' ? 'i.campaign_id' : q.groupBy === 'ad' ? 'i.ad_id' : 'NULL::text';
    const p = new SqlParams(workspaceId, q.interval);
    const rows: Record<string, string | number | null>[] = await this.db.query(
      `SELECT date_trunc($2, i.day)::date::text AS period, ${grp} AS grp, i.currency, sum(i.spend)::float8 AS spend,
         sum(i.impressions)::float8 AS impressions, sum(i.clicks)::float8 AS clicks, sum(i.conversations_started)::int AS started,
         sum(i.first_replies)::int AS first_replies, sum(i.total_connections)::int AS connections, sum(i.blocks)::int AS blocks
       FROM ${deliveryRows({ from: q.from, to: q.to }, filters, p, { finer: q.groupBy === 'ad' })}
       GROUP BY 1, 2, 3`,
      p.values,
    );
    return rows.map((r) => ({
      period: String(r['period']),
      grp: r['grp'] === null ? null : String(r['grp']),
      currency: String(r['currency']),
      totals: deliveryTotalsOf(r),
    }));
  }

  /**
   * Observed totals per period and group. For a money metric (cost per new contact, ROAS) only
   * arrivals from ads count, filed under their account's currency; revenue under its own.
   */
  private async observed(workspaceId: string, q: TimeseriesQuery, filters: Filters, money: boolean) {
    const grp =
      q.groupBy === 'campaign'
        ? 'ad.campaign_id'
        : q.groupBy === 'ad'
          ? "nullif(o.ad_id, '')"
          : q.groupBy === 'ref'
            ? "nullif(o.ref, '')"
            : q.groupBy === 'source'
              ? 'o.source'
              : 'NULL::text';
    // counts by source or ref need neither the ad nor its account's currency: the rollup without the ad
    const byRef = !money && q.groupBy !== 'campaign' && q.groupBy !== 'ad';
    const p = new SqlParams(workspaceId, q.interval);
    const rows: Record<string, string | number | null>[] = await this.db.query(
      `SELECT date_trunc($2, o.day)::date::text AS period, ${grp} AS grp,
         ${byRef ? 'NULL::text' : "CASE WHEN o.currency <> '' THEN o.currency ELSE a.currency END"} AS currency,
         sum(o.new_contacts)::int AS new_contacts, sum(o.replied_new_contacts)::int AS replied,
         sum(o.converted_new_contacts)::int AS converted, sum(o.unreachable_new_contacts)::int AS unreachable,
         sum(o.reengaged_contacts)::int AS reengaged, sum(o.conversions)::int AS conversions, sum(o.revenue)::float8 AS revenue
       FROM ${observedRows({ from: q.from, to: q.to }, filters, p, { day: true, adColumn: !byRef })}
       ${
         byRef
           ? ''
           : `LEFT JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id AND ad.level = 'ad'
       LEFT JOIN ad_account a ON a.workspace_id = $1 AND a.id = ad.account_id`
       }
       WHERE (${money ? 'false' : 'true'} OR o.source = 'ADS' OR o.currency <> '')
         ${q.groupBy ? `AND ${grp} IS NOT NULL` : ''}
       GROUP BY 1, 2, 3`,
      p.values,
    );
    return rows.map((r) => ({
      period: String(r['period']),
      grp: r['grp'] === null ? null : String(r['grp']),
      currency: r['currency'] === null ? null : String(r['currency']),
      totals: observedTotalsOf(r),
    }));
  }
}
