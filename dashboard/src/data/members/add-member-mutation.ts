import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Role } from '../auth/me-query';
import { invalidateMembership } from './invalidate';

/** `password` only for someone with no account yet: they sign in with it, then change it. */
export type NewMember = { email: string; role: Role; password?: string };
export type AddedMember = { userId: string; email: string; role: Role; created: boolean };

export const addMember = (body: NewMember) =>
  apiFetch<AddedMember>('/api/members', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export function useAddMemberMutation() {
  const client = useQueryClient();
  return useMutation({ mutationFn: addMember, gcTime: 0, onSuccess: () => invalidateMembership(client) });
}
