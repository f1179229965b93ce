import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DayRange } from '@ctm/metrics';
import { DataSource } from 'typeorm';

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

const DAY_MS = 86_400_000;

/**
 * GET /api/cohorts: of the people whose first contact fell in the range, the share who had
 * converted N days later, per source or campaign. Each point counts only contacts old enough to
 * have had N days, so a recent cohort's curve is not dragged down by people who just arrived.
 * Reads the derived contacts and conversions (one row per person), not raw events.
 */
@Injectable()
export class CohortsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async report(
    workspaceId: string,
    by: 'source' | 'campaign',
    range: DayRange,
    maxDays: number,
    now = Date.now(),
  ): Promise<Cohorts> {
    const [{ tz }] = await this.db.query(`SELECT time_zone AS tz FROM workspace WHERE id = $1`, [workspaceId]);
    const key = by === 'source' ? 'c.first_source' : "coalesce(ad.campaign_id, '')";
    const rows: { key: string; age: number; offset: number | null; n: number }[] = await this.db.query(
      `WITH cohort AS (
         SELECT ${key} AS key, c.first_seen_at,
           (SELECT min(v.time) FROM conversion v
            WHERE v.workspace_id = c.workspace_id AND v.page_id = c.page_id AND v.person_key = c.person_key) AS converted_at
         FROM contact c
         LEFT JOIN ad_object ad ON ad.workspace_id = c.workspace_id AND ad.id = c.first_ad_id AND ad.level = 'ad'
         WHERE c.workspace_id = $1
           AND c.first_seen_at >= ($2::date::timestamp AT TIME ZONE $4)
           AND c.first_seen_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
           AND c.first_seen_at <= $5
       )
       SELECT key,
         least(floor(extract(epoch FROM ($5 - first_seen_at)) * 1000 / ${DAY_MS}), $6)::int AS age,
         -- greatest() skips NULLs: a contact who never converted must keep no offset
         CASE WHEN converted_at IS NOT NULL
           THEN least(greatest(floor(extract(epoch FROM (converted_at - first_seen_at)) * 1000 / ${DAY_MS}), 0), $6 + 1)::int
         END AS offset,
         count(*)::int AS n
       FROM cohort GROUP BY 1, 2, 3`,
      [workspaceId, range.from, range.to, tz, new Date(now), maxDays],
    );
    const groups = new Map<string, typeof rows>();
    for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
    const names =
      by === 'campaign' ? await this.campaignNames(workspaceId, [...groups.keys()]) : new Map<string, string>();
    const result: CohortRow[] = [...groups].map(([k, list]) => ({
      key: k,
      name: by === 'campaign' ? (names.get(k) ?? null) : k,
      newContacts: list.reduce((n, r) => n + r.n, 0),
      curve: Array.from({ length: maxDays + 1 }, (_, day) => {
        const eligible = list.filter((r) => r.age >= day).reduce((n, r) => n + r.n, 0);
        const converted = list
          .filter((r) => r.age >= day && r.offset !== null && r.offset <= day)
          .reduce((n, r) => n + r.n, 0);
        return { day, eligible, converted, rate: eligible > 0 ? converted / eligible : null };
      }),
    }));
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
