import { z } from 'zod';
import { ROLES } from '../roles.js';

export const email = z
  .string({ error: 'is required: your email address' })
  .trim()
  .max(320, { error: 'must be at most 320 characters' })
  .pipe(z.email({ error: 'must be an email address like ana@example.com' }));

/** NIST's minimum; the upper bound keeps hashing cheap for an attacker's megabyte "password". */
export const newPassword = z
  .string({ error: 'is required: a password of at least 8 characters' })
  .min(8, { error: 'must be at least 8 characters' })
  .max(256, { error: 'must be at most 256 characters' });

export const signInSchema = z
  .object({
    email,
    password: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(256, { error: 'is too long' }),
  })
  .strict()
  .meta({ example: { email: 'ana@example.com', password: 'correct horse battery' } });
export type SignInBody = z.infer<typeof signInSchema>;

export const firstRunSchema = z
  .object({ email, password: newPassword })
  .strict()
  .meta({ example: { email: 'ana@example.com', password: 'correct horse battery' } });
export type FirstRunBody = z.infer<typeof firstRunSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'is required: your current password' }).max(256, { error: 'is too long' }),
    newPassword,
  })
  .strict()
  .meta({ example: { currentPassword: 'correct horse battery', newPassword: 'staple battery horse' } });
export type ChangePasswordBody = z.infer<typeof changePasswordSchema>;

export const workspaceSlug = z
  .string({ error: 'is required: the slug of one of your workspaces' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be a workspace slug: lower-case letters, digits and dashes' });

export const switchWorkspaceSchema = z
  .object({ workspace: workspaceSlug })
  .strict()
  .meta({ example: { workspace: 'shop' } });
export type SwitchWorkspaceBody = z.infer<typeof switchWorkspaceSchema>;

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
