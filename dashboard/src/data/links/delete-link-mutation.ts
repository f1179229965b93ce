import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import { linksKeys } from './keys';
import type { RefLink } from './links-query';

export const deleteLink = (id: string) =>
  apiFetch<RefLink>(`/api/links/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Deletes a registered link; its contacts and figures stay (they belong to the ref, not the link). */
export function useDeleteLinkMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteLink,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: linksKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
