import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { syncKeys } from './keys';

export type AdAccountStatus = {
  workspaceId: string;
  id: string;
  name: string | null;
  currency: string | null;
  timezoneName: string | null;
  connectionStatus: 'ok' | 'token_invalid' | 'error';
  connectionError: string | null;
  structureSyncedAt: string | null;
  insightsSyncedAt: string | null;
};

export const getAccounts = () => apiFetch<AdAccountStatus[]>('/api/sync/accounts');

export function useAccountsQuery() {
  return useQuery({ queryKey: syncKeys.accounts(), queryFn: getAccounts, refetchInterval: 15_000 });
}
