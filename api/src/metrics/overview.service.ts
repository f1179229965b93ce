import { Injectable } from '@nestjs/common';
import {
  addTotals,
  compare,
  daysOf,
  emptyTotals,
  metric,
  type Compared,
  type DayRange,
  type MetricId,
  type Totals,
} from '@ctm/metrics';
import { ReachService, type ReachReport, type ReachStatus } from '../ads-sync/reach.service.js';
import type { FiguresQuery } from './dto/figures-query.dto.js';
import type { Filters } from './dto/filters.dto.js';
import { valueOf } from './ad-rows.service.js';
import { deliveryApplies } from './filter-sql.js';
import { MetricsRepository, type AdObjectInfo } from './metrics.repository.js';

/** Observed figures: in the workspace's time zone, any currency apart. */
export const OBSERVED_METRICS: MetricId[] = [
  'newContacts',
  'reengagedContacts',
  'replyRate',
  'conversions',
  'conversionRate',
  'blocks',
  'blockRate',
  'medianFirstResponse',
];
/** Figures that involve money, one set per currency: never summed across currencies. */
export const CURRENCY_METRICS: MetricId[] = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'cpm',
  'cpc',
  'conversationsStarted',
  'costPerConversationStarted',
  'metaBlocks',
  'costPerNewContact',
  'revenue',
  'roas',
];

export type Overview = {
  range: DayRange;
  comparison: DayRange | null;
  timeZones: { messenger: string; ads: string };
  observed: Record<string, Compared>;
  /** per currency; `newContacts` here are those from ads of accounts in that currency */
  byCurrency: {
    currency: string;
    metrics: Record<string, Compared>;
    /**
     * Meta's unique reach over the range, summed over the currency's accounts (someone reached by
     * two accounts counts twice); `pending` while fetched from Meta, `unavailable` without a connection.
     */
    reach: { value: number | null; status: ReachStatus };
  }[];
  series: { day: string; newContacts: number; conversions: number; spend: Record<string, number> }[];
};

/** GET /api/overview: headline figures with their comparison, and a daily series. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly repo: MetricsRepository,
    private readonly reach: ReachService,
  ) {}

  async report(workspaceId: string, query: FiguresQuery): Promise<Overview> {
    const filters: Filters = query.filters ?? {};
    await this.repo.checkFilters(workspaceId, filters);
    const delivery = deliveryApplies(filters);
    const [timeZone, now, before, observedDays, spendDays, reach] = await Promise.all([
      this.repo.timeZone(workspaceId),
      this.figures(workspaceId, query.range, filters),
      query.comparison ? this.figures(workspaceId, query.comparison, filters) : Promise.resolve(null),
      this.repo.observedSeries(workspaceId, query.range, filters),
      this.repo.spendSeries(workspaceId, query.range, filters),
      delivery ? this.reach.forRange(workspaceId, query.range) : null,
    ]);
    // one campaign, ad set or ad picked: its own reach (the narrowest filter is the object)
    const objectId = filters.ad ?? filters.adset ?? filters.campaign;
    const object = objectId ? (await this.repo.adObjects(workspaceId, [objectId])).get(objectId) : undefined;
    const figure = (id: MetricId, t: Totals, p: Totals | null | undefined) =>
      compare(
        valueOf(id, t, delivery),
        p ? valueOf(id, p, delivery) : before ? valueOf(id, emptyTotals(), delivery) : null,
        metric(id).better,
      );
    const currencies = [...new Set([...now.byCurrency.keys(), ...(before?.byCurrency.keys() ?? [])])].sort();
    const observedByDay = new Map(observedDays.map((d) => [d.day, d]));
    return {
      range: query.range,
      comparison: query.comparison,
      timeZones: { messenger: timeZone, ads: "each ad account's own, as Meta reports" },
      observed: Object.fromEntries(OBSERVED_METRICS.map((id) => [id, figure(id, now.observed, before?.observed)])),
      byCurrency: currencies.map((currency) => ({
        currency,
        metrics: Object.fromEntries(
          CURRENCY_METRICS.map((id) => [
            id,
            figure(id, now.byCurrency.get(currency) ?? emptyTotals(), before?.byCurrency.get(currency)),
          ]),
        ),
        reach: !reach
          ? { value: null, status: 'unavailable' as const }
          : objectId
            ? objectReach(reach, objectId, object, currency)
            : reachOfCurrency(reach, currency, filters.account),
      })),
      series: daysOf(query.range).map((day) => ({
        day,
        newContacts: observedByDay.get(day)?.newContacts ?? 0,
        conversions: observedByDay.get(day)?.conversions ?? 0,
        spend: Object.fromEntries(spendDays.filter((s) => s.day === day).map((s) => [s.currency, s.spend])),
      })),
    };
  }

  /** The totals of a range: observed (all currencies' counts), and per currency what money touches. */
  private async figures(
    workspaceId: string,
    range: DayRange,
    filters: Filters,
  ): Promise<{ observed: Totals; byCurrency: Map<string, Totals> }> {
    const [observed, fromAds, delivery, responses] = await Promise.all([
      this.repo.observedTotals(workspaceId, range, filters),
      this.repo.adContactsByCurrency(workspaceId, range, filters),
      this.repo.deliveryTotals(workspaceId, range, filters),
      this.repo.responseTotals(workspaceId, range, filters),
    ]);
    const byCurrency = new Map<string, Totals>();
    const at = (currency: string) => byCurrency.get(currency) ?? emptyTotals();
    for (const d of delivery) byCurrency.set(d.currency, addTotals(at(d.currency), d.totals));
    for (const [currency, n] of fromAds)
      if (currency) byCurrency.set(currency, addTotals(at(currency), { newContacts: n }));
    for (const o of observed)
      if (o.currency) byCurrency.set(o.currency, addTotals(at(o.currency), { revenue: o.totals.revenue ?? 0 }));
    return {
      observed: addTotals(...observed.map((o) => ({ ...o.totals, revenue: 0 })), responses.get('') ?? {}),
      byCurrency,
    };
  }
}

/** One object's reach, under its account's currency. */
function objectReach(
  report: ReachReport,
  id: string,
  object: AdObjectInfo | undefined,
  currency: string,
): { value: number | null; status: ReachStatus } {
  if (!object || object.currency !== currency) return { value: null, status: 'unavailable' };
  const r = ReachService.object(report, id, object.accountId);
  return { value: r.reach, status: r.status };
}

/** The reach of a currency's accounts: their sum once all are ready; else the least ready status. */
function reachOfCurrency(
  report: ReachReport,
  currency: string,
  account?: string,
): { value: number | null; status: ReachStatus } {
  const accounts = [...report.accounts.entries()]
    .filter(([id, a]) => a.currency === currency && (!account || id === account))
    .map(([, a]) => a);
  if (accounts.length === 0) return { value: null, status: 'unavailable' };
  if (accounts.some((a) => a.status === 'pending')) return { value: null, status: 'pending' };
  if (accounts.some((a) => a.status === 'unavailable')) return { value: null, status: 'unavailable' };
  return { value: accounts.reduce((n, a) => n + (a.reach ?? 0), 0), status: 'ready' };
}
