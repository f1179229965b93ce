import type { Comparison, DayRange } from '../../lib/date-range';

export const overviewKeys = {
  all: ['overview'] as const,
  range: (range: DayRange, comparison: Comparison) =>
    [...overviewKeys.all, range.from, range.to, comparison] as const,
  campaignRanking: (range: DayRange, sort: string, order: 'asc' | 'desc') =>
    [...overviewKeys.all, 'campaign-ranking', range.from, range.to, sort, order] as const,
  refLinkRanking: (range: DayRange) => [...overviewKeys.all, 'ref-link-ranking', range.from, range.to] as const,
  lastSync: () => [...overviewKeys.all, 'last-sync'] as const,
  newestContact: () => [...overviewKeys.all, 'newest-contact'] as const,
};
