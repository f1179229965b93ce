import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Role } from '../auth/me-query';
import { membersKeys } from './keys';

export type Member = { userId: string; email: string; role: Role; since: string };

export const getMembers = () => apiFetch<Member[]>('/api/members');

export function useMembersQuery() {
  return useQuery({ queryKey: membersKeys.list(), queryFn: getMembers });
}
