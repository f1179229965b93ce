import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Comparison, DayRange } from '../../lib/date-range';
import { addFilters, type Filters } from '../../lib/filters';
import { overviewKeys } from './keys';

/** A figure beside the same figure for the comparison period (libs/metrics `Compared`). */
export type Compared = {
  value: number | null;
  previous: number | null;
  change: number | null;
  relativeChange: number | null;
  /** good news by the metric's direction; null when flat, unknown or without comparison */
  improved: boolean | null;
};

export type ReachStatus = 'ready' | 'pending' | 'unavailable';

/** GET /api/overview: headline figures with their comparison, and a daily series. */
export type Overview = {
  range: DayRange;
  comparison: DayRange | null;
  timeZones: { messenger: string; ads: string };
  observed: Record<string, Compared>;
  byCurrency: {
    currency: string;
    metrics: Record<string, Compared>;
    reach: { value: number | null; status: ReachStatus };
  }[];
  series: { day: string; newContacts: number; conversions: number; spend: Record<string, number> }[];
};

export function overviewPath(range: DayRange, comparison: Comparison, filters: Filters = {}): string {
  const params = addFilters(new URLSearchParams({ from: range.from, to: range.to }), filters);
  if (comparison === 'previous') params.set('compare', 'previous');
  return `/api/overview?${params.toString()}`;
}

export const getOverview = (range: DayRange, comparison: Comparison, filters: Filters = {}) =>
  apiFetch<Overview>(overviewPath(range, comparison, filters));

/** The previous range's figures stay on screen while a new range loads. */
export function useOverviewQuery(range: DayRange, comparison: Comparison, filters: Filters = {}) {
  return useQuery({
    queryKey: overviewKeys.range(range, comparison, filters),
    queryFn: () => getOverview(range, comparison, filters),
    placeholderData: keepPreviousData,
  });
}
