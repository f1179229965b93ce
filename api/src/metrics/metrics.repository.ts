import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DayRange, Totals } from '@ctm/metrics';
import { DataSource } from 'typeorm';

export type ObservedFilters = { page?: string; source?: string };
export type RefTotalsRow = { source: string; ref: string; currency: string; totals: Partial<Totals> };
export type RefDayRow = { source: string; ref: string; day: string; newContacts: number; conversions: number };

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
      `SELECT source, ref, currency, sum(new_contacts)::int AS new_contacts,
         sum(replied_new_contacts)::int AS replied, sum(converted_new_contacts)::int AS converted,
         sum(unreachable_new_contacts)::int AS unreachable, sum(reengaged_contacts)::int AS reengaged,
         sum(conversions)::int AS conversions, sum(revenue)::float8 AS revenue
       FROM observed_daily
       WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date AND ref <> ''
         AND ($4::text IS NULL OR page_id = $4) AND ($5::text IS NULL OR source = $5)
       GROUP BY source, ref, currency`,
      [workspaceId, range.from, range.to, filters.page ?? null, filters.source ?? null],
    );
    return rows.map((r) => ({
      source: String(r['source']),
      ref: String(r['ref']),
      currency: String(r['currency']),
      totals: {
        newContacts: Number(r['new_contacts']),
        repliedNewContacts: Number(r['replied']),
        convertedNewContacts: Number(r['converted']),
        unreachableNewContacts: Number(r['unreachable']),
        reengagedContacts: Number(r['reengaged']),
        conversions: Number(r['conversions']),
        revenue: Number(r['revenue']),
      },
    }));
  }

  /** New contacts and conversions per ref and day, for the trend lines. */
  async refDays(workspaceId: string, range: DayRange, filters: ObservedFilters): Promise<RefDayRow[]> {
    const rows: { source: string; ref: string; day: string; new_contacts: number; conversions: number }[] =
      await this.db.query(
        `SELECT source, ref, day::text AS day, sum(new_contacts)::int AS new_contacts, sum(conversions)::int AS conversions
         FROM observed_daily
         WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date AND ref <> ''
           AND ($4::text IS NULL OR page_id = $4) AND ($5::text IS NULL OR source = $5)
         GROUP BY source, ref, day ORDER BY day`,
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
}
