import type { DayRange } from '../../lib/date-range';
import type { ReconciliationScope } from './reconciliation-query';

export const reconciliationKeys = {
  all: ['reconciliation'] as const,
  range: (range: DayRange, { ad, campaign }: ReconciliationScope) =>
    [...reconciliationKeys.all, range.from, range.to, ad, campaign] as const,
};
