import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { connectionsKeys } from './keys';

export type ConnectionKind = 'system_user' | 'page';
/**
 * Token health from Meta's debug_token: `expiring` and `invalid` come with a sentence in statusDetail;
 * `unchecked` is a server-configured token not checked yet.
 */
export type ConnectionHealth = 'ok' | 'expiring' | 'invalid' | 'unchecked';
/** `stored`: connected in Settings, can be disconnected; `configured` (META_ACCESS_TOKEN) and `demo` cannot. */
export type ConnectionOrigin = 'stored' | 'configured' | 'demo';

/** A connection as GET /api/connections shows it: never the token, its last four characters at most. */
export type Connection = {
  /** a uuid for a stored connection; `configured` or `demo` for the server's own token */
  id: string;
  origin: ConnectionOrigin;
  kind: ConnectionKind;
  tokenLast4: string;
  metaUserId: string | null;
  appId: string | null;
  scopes: string[];
  expiresAt: string | null;
  status: ConnectionHealth;
  statusDetail: string | null;
  checkedAt: string | null;
  createdAt: string | null;
  adAccounts: { id: string; name: string | null; currency: string | null; timezone: string | null; syncStatus: string }[];
  pages: { id: string; name: string | null; username: string | null }[];
};

/** Whether the token needs an admin: it expires soon or Meta no longer accepts it. */
export const needsAttention = (c: Connection) => c.status === 'expiring' || c.status === 'invalid';

export const getConnections = () => apiFetch<Connection[]>('/api/connections');

/** Polled, so a token that goes bad shows up on an open dashboard. */
export function useConnectionsQuery({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: connectionsKeys.list(), queryFn: getConnections, enabled, refetchInterval: 5 * 60_000 });
}
