import { Injectable, NotFoundException } from '@nestjs/common';
import {
  addTotals,
  compare,
  emptyTotals,
  metric,
  readsDelivery,
  twoProportionTest,
  type Compared,
  type DayRange,
  type MetricId,
  type ProportionTest,
  type Totals,
} from '@ctm/metrics';
import { ReachService, type Reach, type ReachStatus } from '../ads-sync/reach.service.js';
import type { FiguresQuery } from './dto/figures-query.dto.js';
import type { Filters } from './dto/filters.dto.js';
import { deliveryApplies } from './filter-sql.js';
import { MetricsRepository, type AdLevel, type AdParent, type ObjectTotalsRow } from './metrics.repository.js';

/** The figures of a campaign, ad set or ad row, in this order. */
export const AD_ROW_METRICS: MetricId[] = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'cpm',
  'cpc',
  'conversationsStarted',
  'costPerConversationStarted',
  'newContacts',
  'costPerNewContact',
  'replyRate',
  'conversions',
  'conversionRate',
  'revenue',
  'roas',
  'blocks',
  'blockRate',
  'metaBlocks',
];

export type AdRow = {
  id: string;
  name: string | null;
  level: AdLevel;
  status: string | null;
  /** the ad account's currency: every money figure of the row is in it */
  currency: string | null;
  metrics: Record<string, Compared>;
  /** with compare=: is the change in conversion and block rate real, or noise? */
  significance: { conversionRate: ProportionTest | null; blockRate: ProportionTest | null } | null;
  /**
   * Meta's unique reach over the range and frequency (impressions / reach), which daily figures
   * cannot give. `pending`: being fetched, ask again; `unavailable`: no connection to ask, or the
   * filters slice contacts (a page, a ref), which Meta's figures cannot follow.
   */
  reach: { value: number | null; frequency: number | null; status: ReachStatus };
};

export type AdRowsReport = {
  level: AdLevel;
  parent: AdParent | null;
  range: DayRange;
  comparison: DayRange | null;
  timeZones: { messenger: string; ads: string };
  rows: AdRow[];
};

/** GET /api/campaigns, /api/adsets?campaign=, /api/ads?adset=: a row per object, sortable by any metric. */
@Injectable()
export class AdRowsService {
  constructor(
    private readonly repo: MetricsRepository,
    private readonly reach: ReachService,
  ) {}

  async report(
    workspaceId: string,
    level: AdLevel,
    parent: AdParent | null,
    query: FiguresQuery,
  ): Promise<AdRowsReport> {
    if (parent) {
      const found = await this.repo.adObjects(workspaceId, [parent.id]);
      if (found.get(parent.id)?.level !== parent.level)
        throw new NotFoundException(`${parent.level}: ${parent.id} is not ${A_LEVEL[parent.level]} of this workspace.`);
    }
    const filters: Filters = { ...query.filters, ...(parent ? { [parent.level]: parent.id } : {}) };
    await this.repo.checkFilters(workspaceId, filters);
    const delivery = deliveryApplies(filters);
    const [timeZone, now, before, reach] = await Promise.all([
      this.repo.timeZone(workspaceId),
      this.figures(workspaceId, level, query.range, filters),
      query.comparison ? this.figures(workspaceId, level, query.comparison, filters) : Promise.resolve(null),
      delivery ? this.reach.forRange(workspaceId, query.range) : Promise.resolve(null),
    ]);
    const ids = [...new Set([...now.keys(), ...(before?.keys() ?? [])])];
    const info = await this.repo.adObjects(workspaceId, ids);
    const rows: AdRow[] = ids.map((id) => {
      const t = now.get(id) ?? emptyTotals();
      const p = before ? (before.get(id) ?? emptyTotals()) : null;
      const object = info.get(id);
      return {
        id,
        name: object?.name ?? null,
        level,
        status: object?.status ?? null,
        currency: object?.currency ?? null,
        metrics: Object.fromEntries(
          AD_ROW_METRICS.map((m) => [
            m,
            compare(valueOf(m, t, delivery), p ? valueOf(m, p, delivery) : null, metric(m).better),
          ]),
        ),
        significance: p
          ? {
              conversionRate: twoProportionTest(
                { successes: t.convertedNewContacts, trials: t.newContacts },
                { successes: p.convertedNewContacts, trials: p.newContacts },
              ),
              blockRate: twoProportionTest(
                { successes: t.unreachableNewContacts, trials: t.newContacts },
                { successes: p.unreachableNewContacts, trials: p.newContacts },
              ),
            }
          : null,
        reach: reachOf(reach ? ReachService.object(reach, id, object?.accountId ?? null) : null),
      };
    });
    rows.sort(bySort(query.sort, query.order));
    return {
      level,
      parent,
      range: query.range,
      comparison: query.comparison,
      timeZones: { messenger: timeZone, ads: "each ad account's own, as Meta reports" },
      rows,
    };
  }

  /**
   * Each object's totals: delivery as Meta reports it, observed arrivals through the synced
   * structure. An object lives in one ad account, hence one currency; revenue in another currency
   * than the account's is left out of its ROAS rather than mixed in.
   */
  private async figures(
    workspaceId: string,
    level: AdLevel,
    range: DayRange,
    filters: Filters,
  ): Promise<Map<string, Totals>> {
    const [delivery, observed] = await Promise.all([
      this.repo.deliveryByObject(workspaceId, level, range, filters),
      this.repo.observedByObject(workspaceId, level, range, filters),
    ]);
    const currencyOf = new Map(delivery.map((d) => [d.id, d.currency]));
    const out = new Map<string, Totals>();
    const add = (row: ObjectTotalsRow, totals: Partial<Totals>) =>
      out.set(row.id, addTotals(out.get(row.id) ?? emptyTotals(), totals));
    for (const d of delivery) add(d, d.totals);
    for (const o of observed) {
      const sameCurrency = !o.currency || !currencyOf.has(o.id) || currencyOf.get(o.id) === o.currency;
      add(o, { ...o.totals, revenue: o.currency && sameCurrency ? (o.totals.revenue ?? 0) : 0 });
    }
    return out;
  }
}

/** A metric's value; null for one that needs Meta's figures where the filters slice contacts (see deliveryApplies). */
export function valueOf(id: MetricId, t: Totals, delivery: boolean): number | null {
  return !delivery && readsDelivery(id) ? null : metric(id).value(t);
}

const A_LEVEL: Record<AdLevel, string> = { campaign: 'a campaign', adset: 'an ad set', ad: 'an ad' };

/** By a metric's value, missing values last whatever the order; ties by id. */
function bySort(id: MetricId, order: 'asc' | 'desc') {
  return (a: AdRow, b: AdRow): number => {
    const x = a.metrics[id]?.value ?? null;
    const y = b.metrics[id]?.value ?? null;
    if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : x === null ? 1 : -1;
    return (order === 'asc' ? x - y : y - x) || a.id.localeCompare(b.id);
  };
}

/** A row's reach and frequency. */
function reachOf(r: Reach | null): AdRow['reach'] {
  if (!r) return { value: null, frequency: null, status: 'unavailable' };
  const frequency = r.reach && r.impressions !== null && r.reach > 0 ? r.impressions / r.reach : null;
  return { value: r.reach, frequency, status: r.status };
}
