import { useQuery } from '@tanstack/react-query';
import { apiFetch, ApiError } from '../../lib/api-fetch';
import { authKeys } from './keys';

export type Role = 'owner' | 'admin' | 'analyst' | 'viewer';
export type Me = {
  user: { id: string; email: string };
  workspaces: { slug: string; name: string; role: Role }[];
  current: { slug: string; name: string; role: Role };
};

export const getMe = () => apiFetch<Me>('/api/auth/me');

/** The signed-in user; a 401 (no or expired session) is an answer here, not a failure to retry. */
export function useMeQuery() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: getMe,
    retry: (count, error) => !(error instanceof ApiError && error.status === 401) && count < 1,
    staleTime: 60_000,
  });
}
