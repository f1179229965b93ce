import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { workspaceKeys } from './keys';

export type AttributionModel = 'first_touch' | 'last_touch';

/** GET /api/workspace (api/src/openapi/responses/workspace.ts `workspaceSettingsResponse`). */
export type WorkspaceSettings = {
  id: string;
  slug: string;
  name: string;
  /** IANA zone the figures' days are counted in */
  timeZone: string;
  /** ratio, e.g. 0.05 for 5% */
  blockRateThreshold: number;
  blockRateMinContacts: number;
  attributionModel: AttributionModel;
  attributionWindowDays: number;
  /** true while the figures are recomputed after a time-zone or attribution change */
  recomputing: boolean;
};

export const getWorkspace = () => apiFetch<WorkspaceSettings>('/api/workspace');

/** The settings; asked again every 2 s while the figures are being recomputed, to see the end of it. */
export function useWorkspaceQuery() {
  return useQuery({
    queryKey: workspaceKeys.settings(),
    queryFn: getWorkspace,
    refetchInterval: (query) => (query.state.data?.recomputing ? 2_000 : false),
  });
}
