import { z } from 'zod';
import { checkRange, dayParam } from './days.js';

export const funnelQuery = z
  .object({
    from: dayParam('first'),
    to: dayParam('last'),
    by: z
      .enum(['source', 'campaign'], { error: 'must be source or campaign' })
      .optional()
      .meta({ description: 'A row per source (unless said) or per campaign.' }),
    page: z
      .string()
      .regex(/^\d{1,20}$/, { error: 'must be a numeric page id' })
      .optional(),
  })
  .strict()
  .superRefine(checkRange);
export type FunnelQuery = z.infer<typeof funnelQuery>;
