import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Comparison, DayRange } from '../../lib/date-range';
import type { Unit } from '../../lib/number-format';
import type { Compared } from '../overview/overview-query';
import { refLinksKeys } from './keys';

/** A GET /api/ref-links row (api/src/openapi/responses/metrics.ts `refLinksResponse`). */
export type RefLinkRow = {
  source: string;
  ref: string;
  metrics: Record<string, Compared>;
  revenue: { currency: string; value: number; previous: number | null }[];
  trend: { day: string; newContacts: number; conversions: number }[];
};

export type RefLinksReport = {
  range: DayRange;
  comparison: DayRange | null;
  timeZone: string;
  metrics: { id: string; label: string; unit: Unit; better: string }[];
  rows: RefLinkRow[];
};

export function refLinksPath(pageId: string, range: DayRange, comparison: Comparison): string {
  const params = new URLSearchParams({ from: range.from, to: range.to, page: pageId });
  if (comparison === 'previous') params.set('compare', 'previous');
  return `/api/ref-links?${params.toString()}`;
}

export const getRefLinks = (pageId: string, range: DayRange, comparison: Comparison) =>
  apiFetch<RefLinksReport>(refLinksPath(pageId, range, comparison));

export type PageReports = {
  /** each page's report, once every one has arrived */
  data: { pageId: string; report: RefLinksReport }[] | undefined;
  isPending: boolean;
  /** showing the previous range's figures while the new ones load */
  isPlaceholderData: boolean;
  error: Error | null;
  refetch(): void;
};

/**
 * The ref-links report of each page: the API's rows carry no page, so one request per page tells
 * which page a ref belongs to (a ref can exist on two pages), and joins it to the registered links.
 */
export function useRefLinksByPageQuery(pageIds: string[] | undefined, range: DayRange, comparison: Comparison) {
  return useQueries({
    queries: (pageIds ?? []).map((pageId) => ({
      queryKey: refLinksKeys.page(pageId, range, comparison),
      queryFn: () => getRefLinks(pageId, range, comparison),
      placeholderData: keepPreviousData,
    })),
    combine: (results): PageReports => ({
      data:
        pageIds && results.every((r) => r.data !== undefined)
          ? results.map((r, i) => ({ pageId: pageIds[i]!, report: r.data! }))
          : undefined,
      isPending: !pageIds || results.some((r) => r.isPending),
      isPlaceholderData: results.some((r) => r.isPlaceholderData),
      error: results.find((r) => r.error)?.error ?? null,
      refetch: () => results.forEach((r) => r.isError && void r.refetch()),
    }),
  });
}
