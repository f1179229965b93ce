import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Me } from './me-query';
import { authKeys } from './keys';

export const switchWorkspace = (workspace: string) =>
  apiFetch<Me>('/api/auth/workspace', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace }),
  });

/** Makes another of the user's workspaces current; everything is refetched for it. */
export function useSwitchWorkspaceMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: switchWorkspace,
    onSuccess: async (me) => {
      client.setQueryData(authKeys.me(), me);
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });
    },
  });
}
