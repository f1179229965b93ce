import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { reconciliationKeys } from './keys';

export type ReconciliationCounts = {
  /** Meta's conversations started (7-day rule), days in the ad account's time zone */
  metaConversationsStarted: number;
  observedNewContacts: number;
  observedReengaged: number;
  /** Meta's count minus observed new and re-engaged: positive when Meta saw more */
  gap: number;
};

export type GapCause =
  | 'before_webhooks'
  | 'no_referral'
  | 'ad_not_synced'
  | 'seven_day_rule'
  | 'time_zones'
  | 'attribution_window';

/** GET /api/reconciliation: per ad, worst gap first; per day of one ad with `ad=`. */
export type Reconciliation = {
  range: DayRange;
  by: 'ad' | 'day';
  ad: string | null;
  timeZones: { messenger: string; ads: string[] };
  totals: ReconciliationCounts;
  causes: { cause: GapCause; contacts: number | null; explanation: string }[];
  rows: ({
    /** the ad's id, or the day with ad= */
    key: string;
    adName: string | null;
    campaignId: string | null;
    campaignName: string | null;
  } & ReconciliationCounts)[];
};

/** One ad day by day, or the ads of one campaign, or every ad (both null). */
export type ReconciliationScope = { ad: string | null; campaign: string | null };

export function reconciliationPath(range: DayRange, { ad, campaign }: ReconciliationScope): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (ad) params.set('ad', ad);
  else if (campaign) params.set('campaign', campaign);
  return `/api/reconciliation?${params.toString()}`;
}

export const getReconciliation = (range: DayRange, scope: ReconciliationScope) =>
  apiFetch<Reconciliation>(reconciliationPath(range, scope));

export function useReconciliationQuery(range: DayRange, scope: ReconciliationScope) {
  return useQuery({
    queryKey: reconciliationKeys.range(range, scope),
    queryFn: () => getReconciliation(range, scope),
    placeholderData: keepPreviousData,
  });
}
