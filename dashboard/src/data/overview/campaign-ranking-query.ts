import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { overviewKeys } from './keys';
import type { Compared } from './overview-query';

/** The part of a GET /api/campaigns row the Overview ranks (api/src/openapi/responses/metrics.ts `adRowsResponse`). */
export type RankedCampaign = {
  id: string;
  name: string | null;
  status: string | null;
  /** the ad account's currency: every money figure of the row */
  currency: string | null;
  metrics: Record<string, Compared>;
};

export type CampaignRanking = { range: DayRange; rows: RankedCampaign[] };

export function campaignRankingPath(range: DayRange, sort: string, order: 'asc' | 'desc'): string {
  const params = new URLSearchParams({ from: range.from, to: range.to, sort, order });
  return `/api/campaigns?${params.toString()}`;
}

export const getCampaignRanking = (range: DayRange, sort: string, order: 'asc' | 'desc') =>
  apiFetch<CampaignRanking>(campaignRankingPath(range, sort, order));

/** Every campaign of the range in the API's order (missing values last, whatever the order). */
export function useCampaignRankingQuery(range: DayRange, sort: string, order: 'asc' | 'desc') {
  return useQuery({
    queryKey: overviewKeys.campaignRanking(range, sort, order),
    queryFn: () => getCampaignRanking(range, sort, order),
    placeholderData: keepPreviousData,
  });
}
