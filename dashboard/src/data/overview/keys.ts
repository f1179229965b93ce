import type { Comparison, DayRange } from '../../lib/date-range';

export const overviewKeys = {
  all: ['overview'] as const,
  range: (range: DayRange, comparison: Comparison) =>
    [...overviewKeys.all, range.from, range.to, comparison] as const,
};
