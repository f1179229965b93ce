import { isDay, MAX_RANGE_DAYS, rangeDays } from '@ctm/metrics';
import { z } from 'zod';

const day = (what: string) =>
  z
    .string({ error: `is required: the ${what} day, as YYYY-MM-DD` })
    .refine(isDay, { error: `must be a calendar day as YYYY-MM-DD (the ${what} day)` });

export const funnelQuery = z
  .object({
    from: day('first'),
    to: day('last'),
    by: z.enum(['source', 'campaign'], { error: 'must be source or campaign' }).optional(),
    page: z
      .string()
      .regex(/^\d{1,20}$/, { error: 'must be a numeric page id' })
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is after to' });
    else if (rangeDays({ from: q.from, to: q.to }) > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `makes a range over ${MAX_RANGE_DAYS} days` });
  });
export type FunnelQuery = z.infer<typeof funnelQuery>;
