import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { ContactPage } from '../contacts/contacts-query';
import { overviewKeys } from './keys';

/** When the newest contact first wrote: the freshest sign that webhooks arrive (the API has no last-webhook time). */
export async function getNewestContactAt(): Promise<string | null> {
  const page = await apiFetch<ContactPage>('/api/contacts?limit=1');
  return page.rows[0]?.firstSeenAt ?? null;
}

export function useNewestContactQuery() {
  return useQuery({ queryKey: overviewKeys.newestContact(), queryFn: getNewestContactAt, refetchInterval: 60_000 });
}
