import { isMetricId, isDay, MAX_RANGE_DAYS, rangeDays, type MetricId } from '@ctm/metrics';
import { z } from 'zod';

const day = (what: string) =>
  z
    .string({ error: `is required: the ${what} day, as YYYY-MM-DD` })
    .refine(isDay, { error: `must be a calendar day as YYYY-MM-DD (the ${what} day)` });

export const GROUPS = ['campaign', 'ad', 'ref', 'source'] as const;
export type Group = (typeof GROUPS)[number];

/** GET /api/timeseries: one metric over time, per interval, optionally one series per group. */
export const timeseriesQuery = z
  .object({
    metric: z
      .string({ error: 'is required: the id of a metric, e.g. newContacts or costPerNewContact' })
      .refine(isMetricId, { error: 'must be the id of a metric, e.g. newContacts or costPerNewContact' }),
    from: day('first'),
    to: day('last'),
    interval: z.enum(['day', 'week', 'month'], { error: 'must be day, week or month' }).optional(),
    groupBy: z.enum(GROUPS, { error: 'must be campaign, ad, ref or source' }).optional(),
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
  })
  .transform((q) => ({ ...q, metric: q.metric as MetricId, interval: q.interval ?? ('day' as const) }));
export type TimeseriesQuery = z.infer<typeof timeseriesQuery>;
