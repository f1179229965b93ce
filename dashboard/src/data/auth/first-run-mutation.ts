import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Credentials } from './sign-in-mutation';

export const createFirstOwner = (credentials: Credentials) =>
  apiFetch<{ signedIn: true }>('/api/auth/first-run', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });

/** Creates the installation's first owner, who is then signed in. */
export function useFirstRunMutation() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createFirstOwner, onSuccess: () => client.invalidateQueries() });
}
