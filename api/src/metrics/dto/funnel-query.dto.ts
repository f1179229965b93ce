import { z } from 'zod';
import { checkRange, dayParam } from './days.js';
import { filterShape } from './filters.dto.js';

export const funnelQuery = z
  .object({
    from: dayParam('first'),
    to: dayParam('last'),
    by: z
      .enum(['source', 'campaign'], { error: 'must be source or campaign' })
      .optional()
      .meta({ description: 'A row per source (unless said) or per campaign.' }),
    ...filterShape,
  })
  .strict()
  .superRefine(checkRange);
export type FunnelQuery = z.infer<typeof funnelQuery>;
