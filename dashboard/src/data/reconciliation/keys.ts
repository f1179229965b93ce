import type { DayRange } from '../../lib/date-range';

export const reconciliationKeys = {
  all: ['reconciliation'] as const,
  range: (range: DayRange, ad: string | null) => [...reconciliationKeys.all, range.from, range.to, ad] as const,
};
