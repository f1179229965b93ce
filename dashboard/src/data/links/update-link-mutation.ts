import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import type { LinkBody } from './create-link-mutation';
import { linksKeys } from './keys';
import type { RefLink } from './links-query';

export const updateLink = ({ id, ...changes }: Partial<LinkBody> & { id: string }) =>
  apiFetch<RefLink>(`/api/links/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(changes),
  });

export function useUpdateLinkMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateLink,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: linksKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
