import type { Comparison, DayRange } from '../../lib/date-range';

export const refLinksKeys = {
  all: ['ref-links'] as const,
  page: (pageId: string, range: DayRange, comparison: Comparison) =>
    [...refLinksKeys.all, pageId, range.from, range.to, comparison] as const,
};
