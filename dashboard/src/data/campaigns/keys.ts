import type { Comparison, DayRange } from '../../lib/date-range';
import type { AdRowsRequest } from './ad-rows-query';

export const campaignsKeys = {
  all: ['ad-rows'] as const,
  rows: ({ level, parent, sort, order, account }: AdRowsRequest, range: DayRange, comparison: Comparison) =>
    [
      ...campaignsKeys.all,
      level,
      parent ?? null,
      range.from,
      range.to,
      comparison,
      sort ?? null,
      order ?? null,
      account ?? null,
    ] as const,
};
