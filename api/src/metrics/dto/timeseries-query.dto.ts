import { isMetricId, METRIC_IDS, type MetricId } from '@ctm/metrics';
import { z } from 'zod';
import { checkRange, dayParam } from './days.js';
import { filterShape } from './filters.dto.js';

export const GROUPS = ['campaign', 'ad', 'ref', 'source'] as const;
export type Group = (typeof GROUPS)[number];

/** GET /api/timeseries: one metric over time, per interval, optionally one series per group. */
export const timeseriesQuery = z
  .object({
    metric: z
      .string({ error: 'is required: the id of a metric, e.g. newContacts or costPerNewContact' })
      .refine(isMetricId, { error: 'must be the id of a metric, e.g. newContacts or costPerNewContact' })
      .meta({ description: 'The metric’s id.', enum: METRIC_IDS, example: 'newContacts' }),
    from: dayParam('first'),
    to: dayParam('last'),
    interval: z
      .enum(['day', 'week', 'month'], { error: 'must be day, week or month' })
      .optional()
      .meta({ description: 'day unless said; weeks start on Monday.' }),
    groupBy: z
      .enum(GROUPS, { error: 'must be campaign, ad, ref or source' })
      .optional()
      .meta({ description: 'A series per group; money metrics cannot be grouped by ref or source.' }),
    ...filterShape,
  })
  .strict()
  .superRefine(checkRange)
  .transform((q) => ({ ...q, metric: q.metric as MetricId, interval: q.interval ?? ('day' as const) }));
export type TimeseriesQuery = z.infer<typeof timeseriesQuery>;
