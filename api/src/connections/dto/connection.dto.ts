import { z } from 'zod';

const token = z
  .string({ error: 'is required: a Meta system-user or page access token' })
  .trim()
  .regex(/^[A-Za-z0-9|_-]{20,1000}$/, {
    error: 'must be a Meta access token (letters and digits, at least 20 characters)',
  });

export const previewConnectionSchema = z
  .object({ token })
  .strict()
  .meta({ example: { token: 'EAAGm0PX4ZCpsBAKZBZCexampletoken1234' } });
export type PreviewConnectionBody = z.infer<typeof previewConnectionSchema>;

export const createConnectionSchema = z
  .object({
    token,
    adAccountIds: z
      .array(
        z
          .string({ error: 'must list ad account ids like act_1234567890' })
          .regex(/^(act_)?\d{1,20}$/, { error: 'must list ad account ids like act_1234567890' })
          .transform((id) => (id.startsWith('act_') ? id : `act_${id}`)),
        { error: 'must be a list of ad account ids like act_1234567890' },
      )
      .max(500, { error: 'must list at most 500 ad accounts' })
      .default([]),
    pageIds: z
      .array(
        z.string({ error: 'must list numeric page ids' }).regex(/^\d{1,20}$/, { error: 'must list numeric page ids' }),
        {
          error: 'must be a list of numeric page ids',
        },
      )
      .max(500, { error: 'must list at most 500 pages' })
      .default([]),
  })
  .strict()
  .refine((b) => b.adAccountIds.length + b.pageIds.length > 0, {
    error: 'adAccountIds or pageIds must name at least one ad account or page to connect',
  })
  .meta({
    example: {
      token: 'EAAGm0PX4ZCpsBAKZBZCexampletoken1234',
      adAccountIds: ['act_1234567890'],
      pageIds: ['104857600000009'],
    },
  });
export type CreateConnectionBody = z.infer<typeof createConnectionSchema>;

export const connectionIdSchema = z.uuid({ error: 'id must be a connection id (a UUID)' });
