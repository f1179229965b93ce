import type { DayRange } from '../../lib/date-range';
import type { FunnelBy } from './funnel-query';

export const funnelKeys = {
  all: ['funnel'] as const,
  by: (by: FunnelBy, range: DayRange) => [...funnelKeys.all, by, range.from, range.to] as const,
};
