import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Connection } from './connections-query';
import { invalidateConnections } from './invalidate';

export const disconnect = (id: string) =>
  apiFetch<Connection>(`/api/connections/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Disconnects: the accounts' syncs stop (their data stays) and the pages leave the workspace. */
export function useDisconnectMutation() {
  const client = useQueryClient();
  return useMutation({ mutationFn: disconnect, onSuccess: () => invalidateConnections(client) });
}
