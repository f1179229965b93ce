import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RESPONSE_BUCKETS, type DayRange, type Totals } from '@ctm/metrics';
import { DataSource } from 'typeorm';

export type ObservedFilters = { page?: string; source?: string };
export type RefTotalsRow = { source: string; ref: string; currency: string; totals: Partial<Totals> };
export type RefDayRow = { source: string; ref: string; day: string; newContacts: number; conversions: number };

export type DeliveryRow = { currency: string; totals: Partial<Totals> };
export type SeriesRow = { day: string; newContacts: number; conversions: number };
export type SpendDayRow = { day: string; currency: string; spend: number };

/**
 * A ref link's source in the ref-links report: a QR code is an m.me link, and old printed codes
 * still send MESSENGER_CODE (kept verbatim in the rollups), so both make one row per ref.
 */
const REF_SOURCE = `CASE WHEN source = 'MESSENGER_CODE' THEN 'SHORTLINK' ELSE source END`;

/** Reads the daily rollups (never the raw events): every query is by workspace and day range. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async timeZone(workspaceId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT time_zone FROM workspace WHERE id = $1`, [workspaceId]);
    return row.time_zone;
  }

  /** Observed totals per ref (and revenue currency) over a range. */
  async refTotals(workspaceId: string, range: DayRange, filters: ObservedFilters): Promise<RefTotalsRow[]> {
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT ${REF_SOURCE} AS source, ref, currency, sum(new_contacts)::int AS new_contacts,
         sum(replied_new_contacts)::int AS replied, sum(converted_new_contacts)::int AS converted,
         sum(unreachable_new_contacts)::int AS unreachable, sum(reengaged_contacts)::int AS reengaged,
         sum(conversions)::int AS conversions, sum(revenue)::float8 AS revenue
       FROM observed_daily_ref
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date AND ref <> ''
         AND ($4::text IS NULL OR page_id = $4) AND ($5::text IS NULL OR ${REF_SOURCE} = $5)
       GROUP BY 1, ref, currency`,
      [workspaceId, range.from, range.to, filters.page ?? null, filters.source ?? null],
    );
    return rows.map((r) => ({
      source: String(r['source']),
      ref: String(r['ref']),
      currency: String(r['currency']),
      totals: observedTotalsOf(r),
    }));
  }

  /** New contacts and conversions per ref and day, for the trend lines. */
  async refDays(workspaceId: string, range: DayRange, filters: ObservedFilters): Promise<RefDayRow[]> {
    const rows: { source: string; ref: string; day: string; new_contacts: number; conversions: number }[] =
      await this.db.query(
        `SELECT ${REF_SOURCE} AS source, ref, day::text AS day, sum(new_contacts)::int AS new_contacts,
           sum(conversions)::int AS conversions
         FROM observed_daily_ref
         WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date AND ref <> ''
           AND ($4::text IS NULL OR page_id = $4) AND ($5::text IS NULL OR ${REF_SOURCE} = $5)
         GROUP BY 1, ref, day ORDER BY day`,
        [workspaceId, range.from, range.to, filters.page ?? null, filters.source ?? null],
      );
    return rows.map((r) => ({
      source: r.source,
      ref: r.ref,
      day: r.day,
      newContacts: r.new_contacts,
      conversions: r.conversions,
    }));
  }

  /**
   * The first-response histogram (libs/metrics RESPONSE_BUCKETS) over a range: per source and ref
   * when `byRef` (rows with a ref only; keyed `source\0ref`), else for the whole slice under ''.
   */
  async responseTotals(
    workspaceId: string,
    range: DayRange,
    filters: ObservedFilters,
    byRef = false,
  ): Promise<Map<string, Partial<Totals>>> {
    const rows: { source: string; ref: string; bucket: number; n: number }[] = await this.db.query(
      `SELECT ${byRef ? `${REF_SOURCE} AS source, ref` : "'' AS source, '' AS ref"}, bucket, sum(contacts)::int AS n
       FROM response_daily
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date ${byRef ? "AND ref <> ''" : ''}
         AND ($4::text IS NULL OR page_id = $4)
         AND ($5::text IS NULL OR ${byRef ? REF_SOURCE : 'source'} = $5)
       GROUP BY 1, 2, 3`,
      [workspaceId, range.from, range.to, filters.page ?? null, filters.source ?? null],
    );
    const out = new Map<string, Partial<Totals>>();
    for (const r of rows) {
      const key = byRef ? `${r.source}\u0000${r.ref}` : '';
      const totals = out.get(key) ?? {};
      const name = RESPONSE_BUCKETS[r.bucket]?.total;
      if (name) totals[name] = (totals[name] ?? 0) + r.n;
      out.set(key, totals);
    }
    return out;
  }

  /** Observed totals over a range, revenue apart per currency ('' for rows without revenue). */
  async observedTotals(workspaceId: string, range: DayRange, filters: ObservedFilters): Promise<RefTotalsRow[]> {
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT currency, sum(new_contacts)::int AS new_contacts, sum(replied_new_contacts)::int AS replied,
         sum(converted_new_contacts)::int AS converted, sum(unreachable_new_contacts)::int AS unreachable,
         sum(reengaged_contacts)::int AS reengaged, sum(conversions)::int AS conversions, sum(revenue)::float8 AS revenue
       FROM observed_daily_ref
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date
         AND ($4::text IS NULL OR page_id = $4) AND ($5::text IS NULL OR source = $5)
       GROUP BY currency`,
      [workspaceId, range.from, range.to, filters.page ?? null, filters.source ?? null],
    );
    return rows.map((r) => ({
      source: '',
      ref: '',
      currency: String(r['currency']),
      totals: observedTotalsOf(r),
    }));
  }

  /**
   * New contacts the ads brought, by the currency of the ad's account (what their spend is in);
   * '' for ads not synced yet.
   */
  async adContactsByCurrency(
    workspaceId: string,
    range: DayRange,
    filters: ObservedFilters,
  ): Promise<Map<string, number>> {
    const rows: { currency: string; n: number }[] = await this.db.query(
      `SELECT coalesce(a.currency, '') AS currency, sum(o.new_contacts)::int AS n
       FROM ${adArrivals(3)} o
       LEFT JOIN ad_object ad ON ad.workspace_id = o.workspace_id AND ad.id = o.ad_id
       LEFT JOIN ad_account a ON a.workspace_id = ad.workspace_id AND a.id = ad.account_id
       WHERE o.workspace_id = $1 AND o.source = 'ADS' AND ($2::text IS NULL OR o.page_id = $2)
       GROUP BY 1`,
      [workspaceId, filters.page ?? null, ...weekSplit(range)],
    );
    return new Map(rows.map((r) => [r.currency, r.n]));
  }

  /** Delivery and Meta-reported totals per currency, days in each ad account's time zone. */
  async deliveryTotals(workspaceId: string, range: DayRange): Promise<DeliveryRow[]> {
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT currency, sum(spend)::float8 AS spend, sum(impressions)::float8 AS impressions, sum(clicks)::float8 AS clicks,
         sum(conversations_started)::int AS started, sum(first_replies)::int AS first_replies,
         sum(total_connections)::int AS connections, sum(blocks)::int AS blocks
       FROM ad_insight_campaign_daily WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date
       GROUP BY currency`,
      [workspaceId, range.from, range.to],
    );
    return rows.map((r) => ({
      currency: String(r['currency']),
      totals: deliveryTotalsOf(r),
    }));
  }

  async observedSeries(workspaceId: string, range: DayRange, filters: ObservedFilters): Promise<SeriesRow[]> {
    const rows: { day: string; new_contacts: number; conversions: number }[] = await this.db.query(
      `SELECT day::text AS day, sum(new_contacts)::int AS new_contacts, sum(conversions)::int AS conversions
       FROM observed_daily_ref
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date
         AND ($4::text IS NULL OR page_id = $4) AND ($5::text IS NULL OR source = $5)
       GROUP BY day`,
      [workspaceId, range.from, range.to, filters.page ?? null, filters.source ?? null],
    );
    return rows.map((r) => ({ day: r.day, newContacts: r.new_contacts, conversions: r.conversions }));
  }

  async spendSeries(workspaceId: string, range: DayRange): Promise<SpendDayRow[]> {
    const rows: { day: string; currency: string; spend: number }[] = await this.db.query(
      `SELECT day::text AS day, currency, sum(spend)::float8 AS spend FROM ad_insight_campaign_daily
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day, currency`,
      [workspaceId, range.from, range.to],
    );
    return rows;
  }

  /** Delivery and Meta-reported totals per ad object of a level (and currency), optionally under a parent. */
  async deliveryByObject(
    workspaceId: string,
    level: AdLevel,
    range: DayRange,
    parent?: AdParent,
  ): Promise<ObjectTotalsRow[]> {
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT ${COLUMN[level]} AS id, currency, sum(spend)::float8 AS spend, sum(impressions)::float8 AS impressions,
         sum(clicks)::float8 AS clicks, sum(conversations_started)::int AS started, sum(first_replies)::int AS first_replies,
         sum(total_connections)::int AS connections, sum(blocks)::int AS blocks
       FROM ${level === 'campaign' && !parent ? 'ad_insight_campaign_daily' : 'ad_insight_daily'}
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR ${parent ? COLUMN[parent.level] : "''"} = $4)
       GROUP BY 1, 2`,
      [workspaceId, range.from, range.to, parent?.id ?? null],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      currency: String(r['currency']),
      totals: deliveryTotalsOf(r),
    }));
  }

  /** Observed totals of ad arrivals per ad object of a level (revenue per currency), through the synced structure. */
  async observedByObject(
    workspaceId: string,
    level: AdLevel,
    range: DayRange,
    parent?: AdParent,
  ): Promise<ObjectTotalsRow[]> {
    const column = level === 'ad' ? 'ad.id' : `ad.${COLUMN[level]}`;
    const parentColumn = parent ? (parent.level === 'ad' ? 'ad.id' : `ad.${COLUMN[parent.level]}`) : "''";
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT ${column} AS id, o.currency, sum(o.new_contacts)::int AS new_contacts, sum(o.replied_new_contacts)::int AS replied,
         sum(o.converted_new_contacts)::int AS converted, sum(o.unreachable_new_contacts)::int AS unreachable,
         sum(o.reengaged_contacts)::int AS reengaged, sum(o.conversions)::int AS conversions, sum(o.revenue)::float8 AS revenue
       FROM ${adArrivals(3)} o
       JOIN ad_object ad ON ad.workspace_id = o.workspace_id AND ad.id = o.ad_id AND ad.level = 'ad'
       WHERE o.workspace_id = $1 AND o.source = 'ADS' AND ($2::text IS NULL OR ${parentColumn} = $2)
       GROUP BY 1, 2`,
      [workspaceId, parent?.id ?? null, ...weekSplit(range)],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      currency: String(r['currency']),
      totals: observedTotalsOf(r),
    }));
  }

  /** Names, statuses and account currencies of ad objects. */
  async adObjects(workspaceId: string, ids: string[]): Promise<Map<string, AdObjectInfo>> {
    const rows: {
      id: string;
      name: string;
      level: AdLevel;
      effective_status: string | null;
      account_id: string;
      currency: string | null;
    }[] = await this.db.query(
      `SELECT ad.id, ad.name, ad.level, ad.effective_status, ad.account_id, a.currency
         FROM ad_object ad JOIN ad_account a ON a.workspace_id = ad.workspace_id AND a.id = ad.account_id
         WHERE ad.workspace_id = $1 AND ad.id = ANY($2)`,
      [workspaceId, ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { name: r.name, level: r.level, status: r.effective_status, accountId: r.account_id, currency: r.currency },
      ]),
    );
  }
}

export type AdLevel = 'campaign' | 'adset' | 'ad';
export type AdParent = { level: AdLevel; id: string };
export type ObjectTotalsRow = { id: string; currency: string; totals: Partial<Totals> };
export type AdObjectInfo = {
  name: string;
  level: AdLevel;
  status: string | null;
  accountId: string;
  currency: string | null;
};

/** The insights column naming an object of each level. */
const COLUMN: Record<AdLevel, string> = { campaign: 'campaign_id', adset: 'adset_id', ad: 'ad_id' };

type SqlRow = Record<string, string | number | null>;

/** The observed totals of a row selected with the aliases new_contacts, replied, converted, unreachable, reengaged, conversions, revenue. */
export function observedTotalsOf(r: SqlRow): Partial<Totals> {
  return {
    newContacts: Number(r['new_contacts']),
    repliedNewContacts: Number(r['replied']),
    convertedNewContacts: Number(r['converted']),
    unreachableNewContacts: Number(r['unreachable']),
    reengagedContacts: Number(r['reengaged']),
    conversions: Number(r['conversions']),
    revenue: Number(r['revenue']),
  };
}

/** The delivery totals of a row selected with the aliases spend, impressions, clicks, started, first_replies, connections, blocks. */
export function deliveryTotalsOf(r: SqlRow): Partial<Totals> {
  return {
    spend: Number(r['spend']),
    impressions: Number(r['impressions']),
    clicks: Number(r['clicks']),
    conversationsStarted: Number(r['started']),
    firstReplies: Number(r['first_replies']),
    messagingConnections: Number(r['connections']),
    metaBlocks: Number(r['blocks']),
  };
}

/**
 * Observed rows of ad arrivals (with an ad, or from ads) over a range, as few as can be: whole weeks
 * (Monday to Sunday) from the weekly rollup, the days left at either end from the daily one. Takes
 * six parameters from $first on: weekSplit(range).
 */
export function adArrivals(first: number): string {
  const [w1, w2, d1, d2, d3, d4] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}::date`);
  const counts = `new_contacts, replied_new_contacts, converted_new_contacts, unreachable_new_contacts,
    reengaged_contacts, conversions, revenue`;
  return `(SELECT workspace_id, page_id, source, ad_id, currency, ${counts} FROM observed_weekly_ad
      WHERE workspace_id = $1 AND week BETWEEN ${w1} AND ${w2}
    UNION ALL
    SELECT workspace_id, page_id, source, ad_id, currency, ${counts} FROM observed_daily
      WHERE workspace_id = $1 AND (ad_id <> '' OR source = 'ADS')
        AND (day BETWEEN ${d1} AND ${d2} OR day BETWEEN ${d3} AND ${d4}))`;
}

/** A range's whole weeks (first and last Monday) and the days before and after them, for adArrivals. */
export function weekSplit(range: DayRange): [string, string, string, string, string, string] {
  const DAY = 86_400_000;
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  const firstMonday = from + ((8 - new Date(from).getUTCDay()) % 7) * DAY;
  const lastMonday = to - (new Date(to).getUTCDay() + 6) * DAY;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  if (firstMonday > lastMonday) return [iso(to + DAY), iso(to), range.from, range.to, range.from, range.to];
  return [iso(firstMonday), iso(lastMonday), range.from, iso(firstMonday - DAY), iso(lastMonday + 7 * DAY), range.to];
}
