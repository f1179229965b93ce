import { z } from 'zod';
import { TOKEN_SCOPES } from '../roles.js';

export const createTokenSchema = z
  .object({
    name: z
      .string({ error: 'is required: what the token is for, e.g. "shop conversions"' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' }),
    scope: z.enum(TOKEN_SCOPES, { error: `must be one of ${TOKEN_SCOPES.join(', ')}` }),
  })
  .strict()
  .meta({ example: { name: 'shop conversions', scope: 'write:conversions' } });
export type CreateTokenBody = z.infer<typeof createTokenSchema>;

export const tokenIdSchema = z.uuid({ error: 'id must be a token id (a UUID)' });

export const auditQuerySchema = z
  .object({
    limit: z.coerce
      .number({ error: 'must be a number from 1 to 500' })
      .int({ error: 'must be a number from 1 to 500' })
      .min(1, { error: 'must be a number from 1 to 500' })
      .max(500, { error: 'must be a number from 1 to 500' })
      .default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;
