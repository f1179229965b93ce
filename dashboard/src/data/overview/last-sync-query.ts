import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { SyncRun } from '../sync/runs-query';
import { overviewKeys } from './keys';

/** Enough recent runs to find the last success behind a string of failures (hourly runs, a few accounts). */
const RUNS = 50;

export type LastSync = {
  /** the newest run that succeeded, if any of the recent ones did */
  succeeded: SyncRun | null;
  /** the newest finished run, to tell a failing sync apart */
  latest: SyncRun | null;
  /** whether any run is known at all */
  anyRuns: boolean;
};

export async function getLastSync(): Promise<LastSync> {
  const runs = await apiFetch<SyncRun[]>(`/api/sync/runs?limit=${RUNS}`);
  const finished = runs.filter((r) => r.finishedAt && (r.status === 'succeeded' || r.status === 'failed'));
  const newest = (list: SyncRun[]) =>
    list.reduce<SyncRun | null>((best, r) => (!best || r.finishedAt! > best.finishedAt! ? r : best), null);
  return {
    succeeded: newest(finished.filter((r) => r.status === 'succeeded')),
    latest: newest(finished),
    anyRuns: runs.length > 0,
  };
}

/** GET /api/sync/runs, read for the Overview's freshness line; refreshed each minute. */
export function useLastSyncQuery() {
  return useQuery({ queryKey: overviewKeys.lastSync(), queryFn: getLastSync, refetchInterval: 60_000 });
}
