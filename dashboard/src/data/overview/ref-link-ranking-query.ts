import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { overviewKeys } from './keys';
import type { Compared } from './overview-query';

/** The part of a GET /api/ref-links row the Overview ranks (api/src/openapi/responses/metrics.ts `refLinksResponse`). */
export type RankedRefLink = { source: string; ref: string; metrics: Record<string, Compared> };
export type RefLinkRanking = { range: DayRange; rows: RankedRefLink[] };

export function refLinkRankingPath(range: DayRange): string {
  const params = new URLSearchParams({ from: range.from, to: range.to, sort: 'newContacts', order: 'desc' });
  return `/api/ref-links?${params.toString()}`;
}

export const getRefLinkRanking = (range: DayRange) => apiFetch<RefLinkRanking>(refLinkRankingPath(range));

/** Every ref of the range, most new contacts first. */
export function useRefLinkRankingQuery(range: DayRange) {
  return useQuery({
    queryKey: overviewKeys.refLinkRanking(range),
    queryFn: () => getRefLinkRanking(range),
    placeholderData: keepPreviousData,
  });
}
