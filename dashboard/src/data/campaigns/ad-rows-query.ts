import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Comparison, DayRange } from '../../lib/date-range';
import type { Compared, ReachStatus } from '../overview/overview-query';
import { campaignsKeys } from './keys';

const REACH_POLL_MS = 5000;

export type AdLevel = 'campaign' | 'adset' | 'ad';
export type SortOrder = 'asc' | 'desc';

/** libs/metrics `ProportionTest`: a two-proportion z-test, p1 against p2. */
export type ProportionTest = {
  p1: number;
  p2: number;
  /** p1 − p2 */
  difference: number;
  z: number;
  pValue: number;
  interval: [number, number];
  confidence: number;
  significant: boolean;
};

/** A campaign, ad set or ad with its figures; money in the row's currency. */
export type AdRow = {
  id: string;
  name: string | null;
  level: AdLevel;
  status: string | null;
  currency: string | null;
  metrics: Record<string, Compared>;
  /** with compare=: the change in conversion and block rate against the comparison period, tested */
  significance: { conversionRate: ProportionTest | null; blockRate: ProportionTest | null } | null;
  reach: { value: number | null; frequency: number | null; status: ReachStatus };
};

/** GET /api/campaigns, /api/adsets?campaign=, /api/ads?adset=. */
export type AdRowsReport = {
  level: AdLevel;
  parent: { level: AdLevel; id: string } | null;
  range: DayRange;
  comparison: DayRange | null;
  timeZones: { messenger: string; ads: string };
  rows: AdRow[];
};

/** Which rows: campaigns, the ad sets of a campaign or the ads of an ad set; sorted by a metric id. */
/** `account`: only that ad account's campaigns (the URL's filter). */
export type AdRowsRequest = { level: AdLevel; parent?: string; sort?: string; order?: SortOrder; account?: string };

const ROUTE: Record<AdLevel, { path: string; parent?: string }> = {
  campaign: { path: '/api/campaigns' },
  adset: { path: '/api/adsets', parent: 'campaign' },
  ad: { path: '/api/ads', parent: 'adset' },
};

export function adRowsPath(request: AdRowsRequest, range: DayRange, comparison: Comparison): string {
  const route = ROUTE[request.level];
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (route.parent && request.parent) params.set(route.parent, request.parent);
  if (comparison === 'previous') params.set('compare', 'previous');
  if (request.sort) params.set('sort', request.sort);
  if (request.order) params.set('order', request.order);
  if (request.account) params.set('account', request.account);
  return `${route.path}?${params.toString()}`;
}

export const getAdRows = (request: AdRowsRequest, range: DayRange, comparison: Comparison) =>
  apiFetch<AdRowsReport>(adRowsPath(request, range, comparison));

/** Rows of one level; the previous answer stays on screen while a new range or sort loads. */
export function useAdRowsQuery(request: AdRowsRequest, range: DayRange, comparison: Comparison, enabled = true) {
  return useQuery({
    queryKey: campaignsKeys.rows(request, range, comparison),
    queryFn: () => getAdRows(request, range, comparison),
    enabled: enabled && (request.level === 'campaign' || !!request.parent),
    placeholderData: keepPreviousData,
    // Meta's reach is fetched once per range: `pending` means ask again shortly
    refetchInterval: (query) =>
      query.state.data?.rows.some((r) => r.reach.status === 'pending') ? REACH_POLL_MS : false,
  });
}
