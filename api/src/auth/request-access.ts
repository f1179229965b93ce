import type { Role, TokenScope } from './roles.js';

export type Actor =
  | { kind: 'user'; userId: string; email: string; sessionHash: string }
  | { kind: 'token'; tokenId: string; name: string };

/** Who is calling, and in which workspace: resolved from the session or the token, never from the client alone. */
export type RequestAccess = {
  workspaceId: string;
  workspace: string;
  /** The member's role in that workspace (null for a token). */
  role: Role | null;
  /** The token's scope (null for a session). */
  scope: TokenScope | null;
  actor: Actor;
};

/** How the actor appears in the audit log: an email, or a token's name and last characters. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : `token "${actor.name}"`;
}
