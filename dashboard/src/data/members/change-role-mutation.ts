import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Role } from '../auth/me-query';
import { invalidateMembership } from './invalidate';
import type { Member } from './members-query';

export const changeRole = ({ userId, role }: { userId: string; role: Role }) =>
  apiFetch<Member>(`/api/members/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });

export function useChangeRoleMutation() {
  const client = useQueryClient();
  return useMutation({ mutationFn: changeRole, onSuccess: () => invalidateMembership(client) });
}
