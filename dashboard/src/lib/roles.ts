import type { Role } from '../data/auth/me-query';

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };

/** Whether a role includes every right of `required` (owner > admin > analyst > viewer), as the API checks it. */
export const roleAtLeast = (role: Role, required: Role): boolean => RANK[role] >= RANK[required];

export const ROLES: readonly Role[] = ['owner', 'admin', 'analyst', 'viewer'];
