import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import { linksKeys } from './keys';
import type { RefLink } from './links-query';

export type LinkBody = { pageId: string; ref: string; label: string; campaignTag: string | null; note: string | null };

export const createLink = (body: LinkBody) =>
  apiFetch<RefLink>('/api/links', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export function useCreateLinkMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createLink,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: linksKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
