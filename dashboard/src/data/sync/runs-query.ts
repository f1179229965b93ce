import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { syncKeys } from './keys';

export type SyncRun = {
  id: string;
  accountId: string;
  kind: 'hourly' | 'daily' | 'backfill';
  since: string;
  until: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  requests: number;
  rowsWritten: number;
  daysTotal: number;
  daysDone: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export const getRuns = (limit: number) => apiFetch<SyncRun[]>(`/api/sync/runs?limit=${limit}`);

export function useRunsQuery(limit = 10) {
  return useQuery({
    queryKey: syncKeys.runs(limit),
    queryFn: () => getRuns(limit),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}
