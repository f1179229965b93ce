import { z } from 'zod';
import type { AuditAction, AuditEntry } from '../../auth/audit.repository.js';
import type { Me } from '../../auth/auth.service.js';
import { ROLES, TOKEN_SCOPES } from '../../auth/roles.js';
import type { TokenView } from '../../auth/tokens.repository.js';
import type { CreatedToken } from '../../auth/tokens.service.js';
import type { MemberRow } from '../../auth/users.repository.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';
import { dateTime } from './common.js';

const role = z.enum(ROLES);
const workspace = z.object({ slug: z.string(), name: z.string(), role });

export const firstRunStatusResponse = responseDoc(
  describes<{ needed: boolean; workspace: string }>()(
    z.object({
      needed: z.boolean().meta({ description: 'True until the first owner is created.' }),
      workspace: z.string().meta({ description: 'The slug of the workspace the first owner will own.' }),
    }),
  ),
  { needed: true, workspace: 'default' },
  'Whether the installation still needs its first owner.',
);

export const signedInResponse = responseDoc(
  describes<{ signedIn: true }>()(z.object({ signedIn: z.literal(true) })),
  { signedIn: true },
  'Signed in: the session cookie (ctm_session, httpOnly) is set.',
);

export const meResponse = responseDoc(
  describes<Me>()(
    z.object({
      user: z.object({ id: z.uuid(), email: z.string() }),
      workspaces: z.array(workspace),
      current: workspace.meta({ description: 'The workspace this session acts in.' }),
    }),
  ),
  {
    user: { id: 'c63eebb3-17aa-4a66-9142-8eb878809688', email: 'ana@example.com' },
    workspaces: [
      { slug: 'default', name: 'Acme', role: 'owner' },
      { slug: 'shop', name: 'Acme shop', role: 'viewer' },
    ],
    current: { slug: 'default', name: 'Acme', role: 'owner' },
  },
  'The signed-in user, their workspaces and roles, and the current one.',
);

const member = describes<MemberRow>()(z.object({ userId: z.uuid(), email: z.string(), role, since: dateTime }));
const memberExample = {
  userId: 'c63eebb3-17aa-4a66-9142-8eb878809688',
  email: 'ana@example.com',
  role: 'analyst' as const,
  since: '2026-11-25T20:02:17.227Z',
};
export const membersResponse = responseDoc(z.array(member), [memberExample], 'The members and their roles.');
export const memberResponse = responseDoc(member, memberExample, 'The member with their new role.');
export const addedMemberResponse = responseDoc(
  z.object({
    userId: z.uuid(),
    email: z.string(),
    role,
    created: z.boolean().meta({ description: 'Whether a new account was made (else an existing user was added).' }),
  }),
  { userId: memberExample.userId, email: memberExample.email, role: 'analyst', created: true },
  'The member added (or whose role was set).',
);

const tokenView = describes<TokenView>()(
  z.object({
    id: z.uuid(),
    name: z.string(),
    scope: z.enum(TOKEN_SCOPES),
    last4: z.string(),
    createdBy: z.string().nullable(),
    createdAt: dateTime,
    lastUsedAt: dateTime.nullable(),
    revokedAt: dateTime.nullable(),
  }),
);
const tokenExample = {
  id: '2b0c3a4e-5f7d-4e1a-9c3b-7d8e9f0a1b2c',
  name: 'shop conversions',
  scope: 'write:conversions' as const,
  last4: 'x9Qa',
  createdBy: 'ana@example.com',
  createdAt: '2026-11-20T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};
export const tokensResponse = responseDoc(
  z.array(tokenView),
  [tokenExample],
  'The workspace’s API tokens (never their secret).',
);
export const revokedTokenResponse = responseDoc(
  tokenView,
  { ...tokenExample, revokedAt: '2026-11-25T10:00:00.000Z' },
  'The token, revoked from now on.',
);
export const createdTokenResponse = responseDoc(
  describes<CreatedToken>()(
    tokenView.extend({ token: z.string().meta({ description: 'The secret: shown in this answer only.' }) }),
  ),
  { ...tokenExample, token: 'ctm_3q2Vb8…x9Qa' },
  'The new token with its secret, shown this once.',
);

export const auditResponse = responseDoc(
  z.array(
    describes<AuditEntry>()(
      z.object({
        id: z.string(),
        actor: z.string(),
        // the list grows with the features that audit their actions: a string here, not a second list
        action: z.string().meta({ example: 'role.changed' }) as unknown as z.ZodType<AuditAction>,
        detail: z.record(z.string(), z.unknown()),
        at: dateTime,
      }),
    ),
  ),
  [
    {
      id: '1',
      actor: 'ana@example.com',
      action: 'user.added',
      detail: { role: 'viewer', email: 'bo@example.com' },
      at: '2026-11-25T20:02:17.227Z',
    },
  ],
  'Admin actions, newest first.',
);
