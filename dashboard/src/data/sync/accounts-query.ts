import type { AdAccountStatus } from '@ctm/domain';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { syncKeys } from './keys';


export const getAccounts = () => apiFetch<AdAccountStatus[]>('/api/sync/accounts');

export function useAccountsQuery() {
  return useQuery({ queryKey: syncKeys.accounts(), queryFn: getAccounts, refetchInterval: 15_000 });
}
