import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Connection } from './connections-query';
import { invalidateConnections } from './invalidate';

export type NewConnection = { token: string; adAccountIds: string[]; pageIds: string[] };

export const createConnection = (body: NewConnection) =>
  apiFetch<Connection>('/api/connections', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Connects the chosen ad accounts and pages; their syncs show on the home page. */
export function useCreateConnectionMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createConnection,
    gcTime: 0,
    onSuccess: () => invalidateConnections(client),
  });
}

