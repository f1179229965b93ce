/** A member's role in one workspace; each includes every right of the roles after it. */
export const ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What an API token may do: read (viewer routes), report conversions, or anything an admin may. */
export const TOKEN_SCOPES = ['read', 'write:conversions', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export function highestRole(roles: Role[]): Role | undefined {
  return [...roles].sort((a, b) => RANK[b] - RANK[a])[0];
}

/**
 * What a route declares with @Access: the least role a session needs, the token scopes that may
 * call it (by default the scopes that match the role: read and admin for viewer routes, admin for
 * analyst and admin routes, none for owner routes), and `server` for server-level data, which
 * belongs to no workspace: then the role is checked against the user's highest role anywhere.
 */
export type AccessRule = { role: Role; tokenScopes: readonly TokenScope[]; server: boolean };

export function defaultTokenScopes(role: Role): TokenScope[] {
  if (role === 'viewer') return ['read', 'admin'];
  if (role === 'owner') return [];
  return ['admin'];
}

export type Grant = { kind: 'session'; role: Role; highestRole: Role } | { kind: 'token'; scope: TokenScope };

/** Whether a credential's grant satisfies a route's rule. */
export function allows(rule: AccessRule, grant: Grant): boolean {
  if (grant.kind === 'token') return !rule.server && rule.tokenScopes.includes(grant.scope);
  return roleAtLeast(rule.server ? grant.highestRole : grant.role, rule.role);
}
