import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from './keys';

export type AuditAction =
  | 'user.added'
  | 'user.removed'
  | 'role.changed'
  | 'token.created'
  | 'token.revoked'
  | 'connection.added'
  | 'connection.removed'
  | 'workspace.updated'
  | 'link.created'
  | 'link.updated'
  | 'link.deleted'
  | 'conversion_rule.created'
  | 'conversion_rule.updated'
  | 'conversion_rule.deleted';

/** The API documents the action as text: the list grows with the features that audit their writes. */
export type AuditEntry = {
  id: string;
  actor: string;
  action: AuditAction | (string & {});
  detail: Record<string, unknown>;
  at: string;
};

/** The API answers at most this many entries, newest first. */
export const AUDIT_MAX_LIMIT = 500;

export const getAudit = (limit: number) => apiFetch<AuditEntry[]>(`/api/audit?limit=${limit}`);

/** The newest `limit` entries; the previous page stays on screen while a longer one loads. */
export function useAuditQuery(limit: number) {
  return useQuery({
    queryKey: auditKeys.list(limit),
    queryFn: () => getAudit(limit),
    placeholderData: keepPreviousData,
  });
}
