import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import type { Unit } from '../../lib/number-format';
import { timeseriesKeys } from './keys';

export type MetricInfo = { id: string; label: string; unit: Unit; better: 'higher' | 'lower' | 'neither' };

/** GET /api/timeseries: one metric per period, a series per group (campaign id, ad id, ref or source). */
export type Timeseries = {
  metric: MetricInfo;
  interval: 'day' | 'week' | 'month';
  periods: string[];
  timeZones: { messenger: string; ads: string };
  series: { group: string | null; currency: string | null; points: { period: string; value: number | null }[] }[];
};

export type TimeseriesRequest = {
  metric: string;
  interval: 'day' | 'week' | 'month';
  groupBy?: 'campaign' | 'ad' | 'ref' | 'source';
};

export function timeseriesPath({ metric, interval, groupBy }: TimeseriesRequest, range: DayRange): string {
  const params = new URLSearchParams({ metric, interval, from: range.from, to: range.to });
  if (groupBy) params.set('groupBy', groupBy);
  return `/api/timeseries?${params.toString()}`;
}

export const getTimeseries = (request: TimeseriesRequest, range: DayRange) =>
  apiFetch<Timeseries>(timeseriesPath(request, range));

export function useTimeseriesQuery(request: TimeseriesRequest, range: DayRange, enabled = true) {
  return useQuery({
    queryKey: timeseriesKeys.series(request, range),
    queryFn: () => getTimeseries(request, range),
    enabled,
    placeholderData: keepPreviousData,
  });
}
