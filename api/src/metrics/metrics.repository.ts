import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RESPONSE_BUCKETS, type DayRange, type Totals } from '@ctm/metrics';
import { DataSource } from 'typeorm';
import type { Filters } from './dto/filters.dto.js';
import { contactConditions, deliveryRows, hasAdFilter, observedRows, refSource, SqlParams } from './filter-sql.js';

export type RefTotalsRow = { source: string; ref: string; currency: string; totals: Partial<Totals> };
export type RefDayRow = { source: string; ref: string; day: string; newContacts: number; conversions: number };

export type DeliveryRow = { currency: string; totals: Partial<Totals> };
export type SeriesRow = { day: string; newContacts: number; conversions: number };
export type SpendDayRow = { day: string; currency: string; spend: number };

const SUMS = `sum(o.new_contacts)::int AS new_contacts, sum(o.replied_new_contacts)::int AS replied,
  sum(o.converted_new_contacts)::int AS converted, sum(o.unreachable_new_contacts)::int AS unreachable,
  sum(o.reengaged_contacts)::int AS reengaged, sum(o.conversions)::int AS conversions, sum(o.revenue)::float8 AS revenue`;
const DELIVERY_SUMS = `sum(i.spend)::float8 AS spend, sum(i.impressions)::float8 AS impressions,
  sum(i.clicks)::float8 AS clicks, sum(i.conversations_started)::int AS started, sum(i.first_replies)::int AS first_replies,
  sum(i.total_connections)::int AS connections, sum(i.blocks)::int AS blocks`;

/** Reads the daily rollups (never the raw events): every query is by workspace and day range. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async timeZone(workspaceId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT time_zone FROM workspace WHERE id = $1`, [workspaceId]);
    return row.time_zone;
  }

  /** Observed totals per ref (and revenue currency) over a range. */
  async refTotals(workspaceId: string, range: DayRange, filters: Filters): Promise<RefTotalsRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT ${refSource('o.source')} AS source, o.ref, o.currency, ${SUMS}
       FROM ${observedRows(range, filters, p, { ref: true })}
       WHERE o.ref <> '' GROUP BY 1, 2, 3`,
      p.values,
    );
    return rows.map((r) => ({
      source: String(r['source']),
      ref: String(r['ref']),
      currency: String(r['currency']),
      totals: observedTotalsOf(r),
    }));
  }

  /** New contacts and conversions per ref and day, for the trend lines. */
  async refDays(workspaceId: string, range: DayRange, filters: Filters): Promise<RefDayRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: { source: string; ref: string; day: string; new_contacts: number; conversions: number }[] =
      await this.db.query(
        `SELECT ${refSource('o.source')} AS source, o.ref, o.day::text AS day, sum(o.new_contacts)::int AS new_contacts,
           sum(o.conversions)::int AS conversions
         FROM ${observedRows(range, filters, p, { ref: true, day: true })}
         WHERE o.ref <> '' GROUP BY 1, 2, 3 ORDER BY 3`,
        p.values,
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
   * The histogram is kept per page, source and ref, not per ad: with an ad filter there is none.
   */
  async responseTotals(
    workspaceId: string,
    range: DayRange,
    filters: Filters,
    byRef = false,
  ): Promise<Map<string, Partial<Totals>>> {
    const out = new Map<string, Partial<Totals>>();
    if (hasAdFilter(filters)) return out;
    const p = new SqlParams(workspaceId, range.from, range.to);
    const rows: { source: string; ref: string; bucket: number; n: number }[] = await this.db.query(
      `SELECT ${byRef ? `${refSource('o.source')} AS source, o.ref` : "'' AS source, '' AS ref"}, o.bucket, sum(o.contacts)::int AS n
       FROM response_daily o
       WHERE o.workspace_id = $1 AND o.day BETWEEN $2::date AND $3::date ${byRef ? "AND o.ref <> ''" : ''}
         ${contactConditions(filters, p)}
       GROUP BY 1, 2, 3`,
      p.values,
    );
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
  async observedTotals(workspaceId: string, range: DayRange, filters: Filters): Promise<RefTotalsRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT o.currency, ${SUMS} FROM ${observedRows(range, filters, p)} GROUP BY 1`,
      p.values,
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
  async adContactsByCurrency(workspaceId: string, range: DayRange, filters: Filters): Promise<Map<string, number>> {
    const p = new SqlParams(workspaceId);
    const rows: { currency: string; n: number }[] = await this.db.query(
      `SELECT coalesce(a.currency, '') AS currency, sum(o.new_contacts)::int AS n
       FROM ${observedRows(range, filters, p, { adArrivals: true })}
       LEFT JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id
       LEFT JOIN ad_account a ON a.workspace_id = $1 AND a.id = ad.account_id
       WHERE o.source = 'ADS'
       GROUP BY 1`,
      p.values,
    );
    return new Map(rows.map((r) => [r.currency, r.n]));
  }

  /** Delivery and Meta-reported totals per currency, days in each ad account's time zone. */
  async deliveryTotals(workspaceId: string, range: DayRange, filters: Filters): Promise<DeliveryRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT i.currency, ${DELIVERY_SUMS} FROM ${deliveryRows(range, filters, p)} GROUP BY 1`,
      p.values,
    );
    return rows.map((r) => ({
      currency: String(r['currency']),
      totals: deliveryTotalsOf(r),
    }));
  }

  async observedSeries(workspaceId: string, range: DayRange, filters: Filters): Promise<SeriesRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: { day: string; new_contacts: number; conversions: number }[] = await this.db.query(
      `SELECT o.day::text AS day, sum(o.new_contacts)::int AS new_contacts, sum(o.conversions)::int AS conversions
       FROM ${observedRows(range, filters, p, { day: true })} GROUP BY 1`,
      p.values,
    );
    return rows.map((r) => ({ day: r.day, newContacts: r.new_contacts, conversions: r.conversions }));
  }

  async spendSeries(workspaceId: string, range: DayRange, filters: Filters): Promise<SpendDayRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: { day: string; currency: string; spend: number }[] = await this.db.query(
      `SELECT i.day::text AS day, i.currency, sum(i.spend)::float8 AS spend FROM ${deliveryRows(range, filters, p)}
       GROUP BY 1, 2`,
      p.values,
    );
    return rows;
  }

  /** Delivery and Meta-reported totals per ad object of a level (and currency). */
  async deliveryByObject(
    workspaceId: string,
    level: AdLevel,
    range: DayRange,
    filters: Filters,
  ): Promise<ObjectTotalsRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT i.${COLUMN[level]} AS id, i.currency, ${DELIVERY_SUMS}
       FROM ${deliveryRows(range, filters, p, { finer: level !== 'campaign' })}
       GROUP BY 1, 2`,
      p.values,
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
    filters: Filters,
  ): Promise<ObjectTotalsRow[]> {
    const p = new SqlParams(workspaceId);
    const rows: Record<string, string | number>[] = await this.db.query(
      `SELECT ${level === 'ad' ? 'ad.id' : `ad.${COLUMN[level]}`} AS id, o.currency, ${SUMS}
       FROM ${observedRows(range, filters, p, { adArrivals: true })}
       JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id AND ad.level = 'ad'
       WHERE o.source = 'ADS'
       GROUP BY 1, 2`,
      p.values,
    );
    return rows.map((r) => ({
      id: String(r['id']),
      currency: String(r['currency']),
      totals: observedTotalsOf(r),
    }));
  }

  /**
   * 404 for a filter naming what this workspace does not have (another workspace's ids included),
   * with the parameter and the id in the sentence.
   */
  async checkFilters(workspaceId: string, filters: Filters): Promise<void> {
    const wanted: { name: keyof Filters; what: string; sql: string }[] = [
      { name: 'account', what: 'ad account', sql: `SELECT 1 FROM ad_account WHERE workspace_id = $1 AND id = $2` },
      { name: 'page', what: 'page', sql: `SELECT 1 FROM messenger_page WHERE workspace_id = $1 AND page_id = $2` },
      ...(['campaign', 'adset', 'ad'] as const).map((level) => ({
        name: level,
        what: level === 'adset' ? 'ad set' : level,
        sql: `SELECT 1 FROM ad_object WHERE workspace_id = $1 AND id = $2 AND level = '${level}'`,
      })),
    ];
    for (const { name, what, sql } of wanted) {
      const id = filters[name];
      if (id === undefined) continue;
      const found = await this.db.query(sql, [workspaceId, id]);
      if (found.length === 0) throw new NotFoundException(`${name}: this workspace has no ${what} ${id}.`);
    }
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
