import { z } from 'zod';

/** PATCH /api/workspace: what an admin may change; at least one field. */
export const updateWorkspaceSchema = z
  .object({
    name: z
      .string({ error: 'name must be text' })
      .trim()
      .min(1, { error: 'name must not be empty' })
      .max(200, { error: 'name must be at most 200 characters' })
      .optional(),
    blockRateThreshold: z
      .number({ error: 'blockRateThreshold must be a number between 0 and 1, e.g. 0.05 for 5%' })
      .gt(0, { error: 'blockRateThreshold must be over 0 (e.g. 0.05 for 5%)' })
      .lt(1, { error: 'blockRateThreshold must be under 1 (e.g. 0.05 for 5%)' })
      .optional(),
    blockRateMinContacts: z
      .number({ error: 'blockRateMinContacts must be a whole number between 1 and 100000' })
      .int({ error: 'blockRateMinContacts must be a whole number between 1 and 100000' })
      .min(1, { error: 'blockRateMinContacts must be a whole number between 1 and 100000' })
      .max(100_000, { error: 'blockRateMinContacts must be a whole number between 1 and 100000' })
      .optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    error: 'the body must change at least one of name, blockRateThreshold, blockRateMinContacts',
  })
  .meta({ example: { blockRateThreshold: 0.05, blockRateMinContacts: 30 } });
export type UpdateWorkspaceBody = z.infer<typeof updateWorkspaceSchema>;
