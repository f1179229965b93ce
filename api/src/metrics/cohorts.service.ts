import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { dayIn, shiftDay, type DayRange } from '@ctm/metrics';
import { DataSource } from 'typeorm';
import type { Filters } from './dto/filters.dto.js';
import { adIdCondition, contactConditions, observedRows, SqlParams } from './filter-sql.js';
import { MetricsRepository } from './metrics.repository.js';

export type CohortPoint = {
  /** days since first contact (whole 24-hour periods) */
  day: number;
  /** contacts first seen at least this many days ago: the ones who had the chance */
  eligible: number;
  /** of those, converted within `day` days of their first contact */
  converted: number;
  /** converted / eligible; null when none is eligible yet */
  rate: number | null;
};

export type CohortRow = {
  /** the source (ADS, SHORTLINK, …), or the campaign id ('' for ads not synced) */
  key: string;
  name: string | null;
  newContacts: number;
  curve: CohortPoint[];
};

export type Cohorts = {
  range: DayRange;
  by: 'source' | 'campaign';
  maxDays: number;
  timeZone: string;
  rows: CohortRow[];
};

/**
 * GET /api/cohorts: of the people whose first contact fell in the range, the share who had
 * converted N days later, per source or campaign. Each point counts only contacts old enough to
 * have had N whole days (first seen more than N days before today, in the workspace's time zone),
 * so a recent cohort's curve is not dragged down by people who just arrived. Reads the rollups:
 * cohort sizes from the daily new contacts, conversions from cohort_daily (days to first conversion).
 */
@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MetricsRepository,
  ) {}

  async report(
    workspaceId: string,
    by: 'source' | 'campaign',
    range: DayRange,
    maxDays: number,
    filters: Filters = {},
    now = Date.now(),
  ): Promise<Cohorts> {
    const [{ tz }] = await this.db.query(`SELECT time_zone AS tz FROM workspace WHERE id = $1`, [workspaceId]);
    if (filters.ref)
      throw new BadRequestException(
        'ref: cohorts are kept per page, source and ad, not per ref; filter by source (e.g. SHORTLINK) instead',
      );
    await this.repo.checkFilters(workspaceId, filters);
    const campaign = `LEFT JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id AND ad.level = 'ad'`;
    const key = by === 'source' ? 'o.source' : "coalesce(ad.campaign_id, '')";
    const s = new SqlParams(workspaceId);
    const c = new SqlParams(workspaceId, range.from, range.to);
    const [sizes, converted]: [
      { key: string; day: string; n: number }[],
      { key: string; day: string; days: number; n: number }[],
    ] = await Promise.all([
      this.db.query(
        `SELECT ${key} AS key, o.day::text AS day, sum(o.new_contacts)::int AS n
         FROM ${observedRows(range, filters, s, { day: true, adColumn: by === 'campaign' })} ${by === 'campaign' ? campaign : ''}
         GROUP BY 1, 2`,
        s.values,
      ),
      this.db.query(
        `SELECT ${key} AS key, o.day::text AS day, o.days_to_convert AS days, sum(o.contacts)::int AS n
         FROM cohort_daily o ${by === 'campaign' ? campaign : ''}
         WHERE o.workspace_id = $1 AND o.day BETWEEN $2::date AND $3::date
           ${contactConditions(filters, c)}${adIdCondition('o.ad_id', filters, c)}
         GROUP BY 1, 2, 3`,
        c.values,
      ),
    ]);
    // a contact first seen on a day has had d whole days once that day is more than d days ago
    const today = dayIn(tz, now);
    const lastEligible = (d: number) => shiftDay(today, -d - 1);
    type Group = { sizes: Map<string, number>; converted: { day: string; days: number; n: number }[] };
    const groups = new Map<string, Group>();
    const group = (key: string): Group => {
      const g: Group = groups.get(key) ?? { sizes: new Map(), converted: [] };
      groups.set(key, g);
      return g;
    };
    for (const r of sizes) group(r.key).sizes.set(r.day, (group(r.key).sizes.get(r.day) ?? 0) + r.n);
    for (const r of converted) if (r.n !== 0) group(r.key).converted.push(r);
    const names =
      by === 'campaign' ? await this.campaignNames(workspaceId, [...groups.keys()]) : new Map<string, string>();
    const result: CohortRow[] = [];
    for (const [key, g] of groups) {
      const newContacts = [...g.sizes.values()].reduce((a, b) => a + b, 0);
      if (newContacts === 0) continue; // e.g. UNCREDITED, which only files conversions
      const curve = Array.from({ length: maxDays + 1 }, (_, day) => {
        const last = lastEligible(day);
        const eligible = [...g.sizes].filter(([d]) => d <= last).reduce((n, [, c]) => n + c, 0);
        const done = g.converted.filter((c) => c.day <= last && c.days <= day).reduce((n, c) => n + c.n, 0);
        return { day, eligible, converted: done, rate: eligible > 0 ? done / eligible : null };
      });
      result.push({ key, name: by === 'campaign' ? (names.get(key) ?? null) : key, newContacts, curve });
    }
    result.sort((a, b) => b.newContacts - a.newContacts || a.key.localeCompare(b.key));
    return { range, by, maxDays, timeZone: tz, rows: result };
  }

  private async campaignNames(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT id, name FROM ad_object WHERE workspace_id = $1 AND id = ANY($2) AND level = 'campaign'`,
      [workspaceId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
