import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { tokensKeys } from './keys';

export const TOKEN_SCOPES = ['read', 'write:conversions', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A token as GET /api/tokens shows it: never the secret, its last four characters at most. */
export type ApiToken = {
  id: string;
  name: string;
  scope: TokenScope;
  last4: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export const getTokens = () => apiFetch<ApiToken[]>('/api/tokens');

export function useTokensQuery() {
  return useQuery({ queryKey: tokensKeys.list(), queryFn: getTokens });
}
