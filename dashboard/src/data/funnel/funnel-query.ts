import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { funnelKeys } from './keys';

export type FunnelBy = 'source' | 'campaign';
export const FUNNEL_STAGES = ['clicks', 'conversationsStarted', 'newContacts', 'replied', 'converted'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** GET /api/funnel: clicks → conversations started → new contacts → replied → converted, a row per key. */
export type Funnel = {
  by: FunnelBy;
  range: DayRange;
  stages: FunnelStage[];
  rows: {
    /** the source, or the campaign id */
    key: string;
    stages: Record<FunnelStage, number | null>;
    stepRates: Record<FunnelStage, number | null>;
  }[];
};

export function funnelPath(by: FunnelBy, range: DayRange): string {
  return `/api/funnel?${new URLSearchParams({ by, from: range.from, to: range.to }).toString()}`;
}

export const getFunnel = (by: FunnelBy, range: DayRange) => apiFetch<Funnel>(funnelPath(by, range));

export function useFunnelQuery(by: FunnelBy, range: DayRange, enabled = true) {
  return useQuery({
    queryKey: funnelKeys.by(by, range),
    queryFn: () => getFunnel(by, range),
    enabled,
    placeholderData: keepPreviousData,
  });
}
