import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';

export type Credentials = { email: string; password: string };

export const signIn = (credentials: Credentials) =>
  apiFetch<{ signedIn: true }>('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });

/** Signs in; every query is refetched as the new user. */
export function useSignInMutation() {
  const client = useQueryClient();
  return useMutation({ mutationFn: signIn, onSuccess: () => client.invalidateQueries() });
}
