import type { DayRange } from '../../lib/date-range';
import type { TimeseriesRequest } from './timeseries-query';

export const timeseriesKeys = {
  all: ['timeseries'] as const,
  series: ({ metric, interval, groupBy }: TimeseriesRequest, range: DayRange) =>
    [...timeseriesKeys.all, metric, interval, groupBy ?? null, range.from, range.to] as const,
};
