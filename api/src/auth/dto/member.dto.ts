import { z } from 'zod';
import { email, newPassword, roleSchema } from './auth.dto.js';

export const addMemberSchema = z
  .object({
    email,
    role: roleSchema,
    /** Needed only for someone with no account yet: they sign in with it, then change it. */
    password: newPassword.optional(),
  })
  .strict()
  .meta({ example: { email: 'bo@example.com', role: 'analyst', password: 'a first password' } });
export type AddMemberBody = z.infer<typeof addMemberSchema>;

export const changeRoleSchema = z
  .object({ role: roleSchema })
  .strict()
  .meta({ example: { role: 'admin' } });
export type ChangeRoleBody = z.infer<typeof changeRoleSchema>;

export const userIdSchema = z.uuid({ error: 'userId must be a user id (a UUID)' });
