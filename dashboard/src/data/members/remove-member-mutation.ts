import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { invalidateMembership } from './invalidate';

export const removeMember = (userId: string) =>
  apiFetch<void>(`/api/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });

export function useRemoveMemberMutation() {
  const client = useQueryClient();
  return useMutation({ mutationFn: removeMember, onSuccess: () => invalidateMembership(client) });
}
