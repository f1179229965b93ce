import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { alertsKeys } from '../alerts/keys';
import { auditKeys } from '../audit/keys';
import { workspaceKeys } from './keys';
import type { AttributionModel, WorkspaceSettings } from './workspace-query';

export type WorkspaceChanges = Partial<{
  name: string;
  timeZone: string;
  attributionModel: AttributionModel;
  attributionWindowDays: number;
  blockRateThreshold: number;
  blockRateMinContacts: number;
}>;

/** PATCH /api/workspace's answer: `notice` says what is being recomputed, null when nothing is. */
export type WorkspaceUpdate = WorkspaceSettings & { notice: string | null };

export const updateWorkspace = (changes: WorkspaceChanges) =>
  apiFetch<WorkspaceUpdate>('/api/workspace', {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(changes),
  });

export function useUpdateWorkspaceMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateWorkspace,
    onSuccess: async (updated) => {
      client.setQueryData(workspaceKeys.settings(), updated);
      // a new time zone or attribution moves every figure of every page (overview, campaigns, ref-links, …):
      // all queries are stale, and their keys share no common root to invalidate by
      if (updated.notice !== null) await client.invalidateQueries();
      else
        await Promise.all([
          client.invalidateQueries({ queryKey: workspaceKeys.all }),
          client.invalidateQueries({ queryKey: auditKeys.all }),
          // the block-rate alerts follow the threshold
          client.invalidateQueries({ queryKey: alertsKeys.all }),
        ]);
    },
  });
}
