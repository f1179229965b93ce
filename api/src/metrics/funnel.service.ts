import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DayRange } from '@ctm/metrics';
import { DataSource } from 'typeorm';
import type { Filters } from './dto/filters.dto.js';
import { deliveryRows, observedRows, SqlParams } from './filter-sql.js';
import { MetricsRepository } from './metrics.repository.js';

export const FUNNEL_STAGES = ['clicks', 'conversationsStarted', 'newContacts', 'replied', 'converted'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export type FunnelRow = {
  /** the source (ADS, SHORTLINK, …) or the campaign id */
  key: string;
  /** each stage's count; null where the stage does not exist (no clicks for an m.me link) */
  stages: Record<FunnelStage, number | null>;
  /** each stage over the one before it; null where either is missing or zero */
  stepRates: Record<FunnelStage, number | null>;
};

export type Funnel = { by: 'source' | 'campaign'; range: DayRange; stages: readonly FunnelStage[]; rows: FunnelRow[] };

/**
 * GET /api/funnel: clicks → conversations started (Meta) → new contacts → replied → converted.
 * Clicks and conversations started are Meta's, for ads only; the later stages are observed.
 */
@Injectable()
export class FunnelService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MetricsRepository,
  ) {}

  async report(
    workspaceId: string,
    by: 'source' | 'campaign',
    range: DayRange,
    filters: Filters = {},
  ): Promise<Funnel> {
    await this.repo.checkFilters(workspaceId, filters);
    const observedKey = by === 'source' ? 'o.source' : 'ad.campaign_id';
    // per source, the rollup without the ad (unless an ad filter needs it); per campaign, ad arrivals
    const o = new SqlParams(workspaceId);
    const observedFrom = `${observedRows(range, filters, o, { adArrivals: by === 'campaign' })}${
      by === 'campaign' ? ` LEFT JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id AND ad.level = 'ad'` : ''
    }`;
    const d = new SqlParams(workspaceId);
    const deliveryFrom = deliveryRows(range, filters, d);
    const [observed, delivered]: [
      { key: string; new_contacts: number; replied: number; converted: number }[],
      { key: string; clicks: number; started: number }[],
    ] = await Promise.all([
      this.db.query(
        `SELECT ${observedKey} AS key, sum(o.new_contacts)::int AS new_contacts, sum(o.replied_new_contacts)::int AS replied,
           sum(o.converted_new_contacts)::int AS converted
         FROM ${observedFrom}
         WHERE ${observedKey} IS NOT NULL
         GROUP BY 1`,
        o.values,
      ),
      this.db.query(
        `SELECT ${by === 'source' ? `'ADS'` : 'i.campaign_id'} AS key, sum(i.clicks)::float8 AS clicks,
           sum(i.conversations_started)::int AS started
         FROM ${deliveryFrom} GROUP BY 1`,
        d.values,
      ),
    ]);
    const rows = new Map<string, Record<FunnelStage, number | null>>();
    const row = (key: string) => {
      const existing = rows.get(key);
      if (existing) return existing;
      const hasAds = by === 'campaign' || key === 'ADS';
      const fresh = {
        clicks: hasAds ? 0 : null,
        conversationsStarted: hasAds ? 0 : null,
        newContacts: 0,
        replied: 0,
        converted: 0,
      };
      rows.set(key, fresh);
      return fresh;
    };
    for (const d of delivered) Object.assign(row(d.key), { clicks: Number(d.clicks), conversationsStarted: d.started });
    for (const o of observed)
      Object.assign(row(o.key), { newContacts: o.new_contacts, replied: o.replied, converted: o.converted });
    return {
      by,
      range,
      stages: FUNNEL_STAGES,
      rows: [...rows]
        // a key with nothing at any stage is no funnel (e.g. UNCREDITED, which only files conversions)
        .filter(([, stages]) => FUNNEL_STAGES.some((stage) => (stages[stage] ?? 0) > 0))
        .map(([key, stages]) => ({ key, stages, stepRates: stepRates(stages) }))
        .sort((a, b) => (b.stages.newContacts ?? 0) - (a.stages.newContacts ?? 0) || a.key.localeCompare(b.key)),
    };
  }
}

function stepRates(stages: Record<FunnelStage, number | null>): Record<FunnelStage, number | null> {
  const rates = {} as Record<FunnelStage, number | null>;
  let before: number | null = null;
  for (const stage of FUNNEL_STAGES) {
    const n = stages[stage];
    rates[stage] = n !== null && before !== null && before > 0 ? n / before : null;
    if (n !== null) before = n;
  }
  return rates;
}
