import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import { tokensKeys } from './keys';
import type { ApiToken } from './tokens-query';

export const revokeToken = (id: string) => apiFetch<ApiToken>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Revokes a token: the API refuses it from the next request on. */
export function useRevokeTokenMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: tokensKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
