import type { SecurityRequirementObject } from '@nestjs/swagger';
import type { RouteAccess } from './routes.js';

/** Which credentials an operation takes: none when public or signed, a session, and a token when a scope allows it. */
export function securityOf(access: RouteAccess): SecurityRequirementObject[] {
  if (access.kind !== 'rule') return [];
  const { tokenScopes, server } = access.rule;
  return tokenScopes.length > 0 && !server ? [{ session: [] }, { apiToken: [] }] : [{ session: [] }];
}

/** The operation's access, said in a sentence (the same rule as the guard's, from @Access). */
export function accessSentence(access: RouteAccess): string {
  switch (access.kind) {
    case 'public':
      return '**Access:** public, no credentials.';
    case 'signature':
      return (
        '**Access:** Meta only, no session or token: a delivery must carry `X-Hub-Signature-256` ' +
        '(HMAC-SHA256 of its bytes with the app secret), the handshake the verify token.'
      );
    case 'none':
      return '**Access:** declares no rule, so nobody may call it.';
    case 'rule': {
      const { role, tokenScopes, server } = access.rule;
      const who = server
        ? `a session of a user who is ${role} of any workspace`
        : `a session with role **${role}** or above in the workspace`;
      const tokens =
        tokenScopes.length === 0 || server
          ? 'API tokens cannot call it'
          : `or an API token of scope ${tokenScopes.map((s) => `\`${s}\``).join(' or ')}`;
      return `**Access:** ${who}, ${tokens}.`;
    }
  }
}

/** What the guard answers a credential short of the rule (its own sentences, as in access.guard.ts). */
export function forbiddenExample(access: RouteAccess): string | undefined {
  if (access.kind !== 'rule') return undefined;
  const { role, tokenScopes, server } = access.rule;
  if (server) return `Only the ${role}s of a workspace may do this.`;
  if (role !== 'viewer') return `Your role here (viewer) does not allow this; it needs ${role} or above.`;
  if (tokenScopes.length === 0) return 'An API token cannot do this: sign in.';
  return `This API token's scope (write:conversions) does not allow this; it needs ${tokenScopes.join(' or ')}.`;
}
