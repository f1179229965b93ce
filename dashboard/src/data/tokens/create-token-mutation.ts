import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import { tokensKeys } from './keys';
import type { ApiToken, TokenScope } from './tokens-query';

/** The answer to POST /api/tokens: the only time the secret is shown. */
export type CreatedToken = ApiToken & { token: string };

export const createToken = (body: { name: string; scope: TokenScope }) =>
  apiFetch<CreatedToken>('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Creates a token. gcTime 0: the secret leaves the mutation cache as soon as the screen lets go of it. */
export function useCreateTokenMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    gcTime: 0,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: tokensKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
