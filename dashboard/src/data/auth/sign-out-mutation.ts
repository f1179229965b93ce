import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { authKeys } from './keys';

export const signOut = () => apiFetch<void>('/api/auth/logout', { method: 'POST' });

/** Ends the session and forgets everything fetched with it. */
export function useSignOutMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.all[0] });
      await client.invalidateQueries({ queryKey: authKeys.all });
    },
  });
}
