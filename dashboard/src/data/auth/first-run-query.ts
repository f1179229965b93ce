import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { authKeys } from './keys';

export type FirstRunStatus = { needed: boolean; workspace: string };

export const getFirstRun = () => apiFetch<FirstRunStatus>('/api/auth/first-run');

export function useFirstRunQuery({ enabled }: { enabled: boolean }) {
  return useQuery({ queryKey: authKeys.firstRun(), queryFn: getFirstRun, enabled });
}
