import { z } from 'zod';
import { checkRange, dayParam } from './days.js';
import { filterShape } from './filters.dto.js';

export const cohortsQuery = z
  .object({
    from: dayParam('first').meta({
      description: 'First day of first contact (workspace time zone).',
      example: '2026-10-01',
    }),
    to: dayParam('last').meta({ description: 'Last day of first contact, inclusive.', example: '2026-10-31' }),
    by: z
      .enum(['source', 'campaign'], { error: 'must be source or campaign' })
      .optional()
      .meta({ description: 'A cohort per source (unless said) or per campaign.' }),
    days: z.coerce
      .number({ error: 'must be a whole number of days between 1 and 90' })
      .int({ error: 'must be a whole number of days between 1 and 90' })
      .min(1, { error: 'must be a whole number of days between 1 and 90' })
      .max(90, { error: 'must be a whole number of days between 1 and 90' })
      .optional()
      .meta({ description: 'How many days after first contact the curves go (28 unless said).', example: 28 }),
    ...filterShape,
  })
  .strict()
  .superRefine(checkRange);
export type CohortsQuery = z.infer<typeof cohortsQuery>;
