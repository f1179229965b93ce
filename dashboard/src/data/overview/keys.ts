import type { Comparison, DayRange } from '../../lib/date-range';
import { filtersKey, type Filters } from '../../lib/filters';

export const overviewKeys = {
  all: ['overview'] as const,
  range: (range: DayRange, comparison: Comparison, filters: Filters = {}) =>
    [...overviewKeys.all, range.from, range.to, comparison, filtersKey(filters)] as const,
  campaignRanking: (range: DayRange, sort: string, order: 'asc' | 'desc') =>
    [...overviewKeys.all, 'campaign-ranking', range.from, range.to, sort, order] as const,
  refLinkRanking: (range: DayRange) => [...overviewKeys.all, 'ref-link-ranking', range.from, range.to] as const,
  lastSync: () => [...overviewKeys.all, 'last-sync'] as const,
};
