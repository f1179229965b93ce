import type { TokenInfo } from './connections-graph.js';
import type { ConnectionStatus } from './connections.repository.js';

/** A token that stops working within this time is shown as expiring. */
export const EXPIRING_WITHIN_MS = 7 * 86_400_000;

/** What debug_token's answer means for a connection, with the sentence the dashboard shows. */
export function healthOf(
  info: Pick<TokenInfo, 'valid' | 'expiresAt' | 'error'>,
  now: Date,
): { status: ConnectionStatus; detail: string | null } {
  if (!info.valid)
    return {
      status: 'invalid',
      detail: `Meta says the token is no longer valid (${info.error ?? 'no reason given'}): syncs stopped; connect again with a new token.`,
    };
  if (info.expiresAt && info.expiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_MS)
    return {
      status: 'expiring',
      detail: `The token expires on ${info.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: connect again with a new token before then.`,
    };
  return { status: 'ok', detail: null };
}
