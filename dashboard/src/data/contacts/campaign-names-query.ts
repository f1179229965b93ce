import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { contactsKeys } from './keys';

type CampaignRows = { rows: { id: string; name: string | null }[] };

/** Campaign names by id, from GET /api/campaigns: contacts carry only the id of the campaign that brought them. */
export async function getCampaignNames(range: DayRange): Promise<Map<string, string>> {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  const { rows } = await apiFetch<CampaignRows>(`/api/campaigns?${params.toString()}`);
  return new Map(rows.filter((r) => r.name).map((r) => [r.id, r.name!]));
}

/** Names change rarely: kept five minutes; without them the page shows ids. */
export function useCampaignNamesQuery(range: DayRange) {
  return useQuery({
    queryKey: contactsKeys.campaignNames(range),
    queryFn: () => getCampaignNames(range),
    staleTime: 5 * 60_000,
  });
}
