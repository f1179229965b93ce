import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { ConnectionKind } from './connections-query';

/** What a token can see, before choosing what to connect; the API stores nothing. */
export type ConnectionPreview = {
  kind: ConnectionKind;
  metaUserId: string | null;
  appId: string | null;
  scopes: string[];
  expiresAt: string | null;
  adAccounts: { id: string; name: string | null; currency: string | null; timezone: string | null }[];
  pages: { id: string; name: string | null; username: string | null }[];
};

export const previewConnection = (token: string) =>
  apiFetch<ConnectionPreview>('/api/connections/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });

/** A POST that reads: a mutation, so nothing is cached under a key; gcTime 0 drops the token with the screen. */
export function usePreviewConnectionMutation() {
  return useMutation({ mutationFn: previewConnection, gcTime: 0 });
}
