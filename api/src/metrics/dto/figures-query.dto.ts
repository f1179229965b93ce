import {
  comparisonRange,
  MAX_RANGE_DAYS,
  METRIC_IDS,
  rangeDays,
  isMetricId,
  type DayRange,
  type MetricId,
} from '@ctm/metrics';
import { z } from 'zod';
import { dayParam } from './days.js';
import { filtersOf, filterShape, type Filters } from './filters.dto.js';

/** The query every figures endpoint shares: an inclusive range, an optional comparison and filters. */
export const figuresQueryBase = z.object({
  from: dayParam('first'),
  to: dayParam('last'),
  compare: z.string().optional().meta({
    description: 'A comparison period: previous (as long, just before), year (a year before) or from2,to2.',
    example: 'previous',
  }),
  ...filterShape,
  sort: z
    .string()
    .refine(isMetricId, { error: 'must be the id of a metric, e.g. newContacts or conversionRate' })
    .optional()
    .meta({ description: 'The metric to sort rows by.', enum: METRIC_IDS }),
  order: z
    .enum(['asc', 'desc'], { error: 'must be asc or desc' })
    .optional()
    .meta({ description: 'desc unless said.' }),
});

export type FiguresQuery = {
  range: DayRange;
  comparison: DayRange | null;
  /** the filters asked for (none: the whole workspace) */
  filters?: Filters;
  sort: MetricId;
  order: 'asc' | 'desc';
  /** the campaign of /api/adsets, the ad set of /api/ads */
  parent?: string;
};

/**
 * Parses and checks a figures query; sort defaults to `defaultSort`, descending. With `parent`
 * ('campaign' or 'adset'), that parameter is required: the object whose children are listed.
 */
export function figuresQuery(defaultSort: MetricId, parent?: 'campaign' | 'adset') {
  const schema = parent
    ? (figuresQueryBase.extend({
        [parent]: z
          .string({ error: `is required: the id of the ${parent === 'adset' ? 'ad set' : parent} whose rows to list` })
          .regex(/^[A-Za-z0-9_-]{1,60}$/, { error: 'must be an id' })
          .meta({
            description: `The ${parent === 'adset' ? 'ad set' : parent} whose ${parent === 'adset' ? 'ads' : 'ad sets'} to list.`,
            example: parent === 'adset' ? '120210000000005' : '120210000000001',
          }),
      }) as unknown as typeof figuresQueryBase)
    : figuresQueryBase;
  return schema.strict().transform((q, ctx): FiguresQuery => {
    const range = { from: q.from, to: q.to };
    if (q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'is after to' });
      return z.NEVER;
    }
    if (rangeDays(range) > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `makes a range over ${MAX_RANGE_DAYS} days` });
      return z.NEVER;
    }
    let comparison: DayRange | null = null;
    if (q.compare !== undefined) {
      try {
        comparison = comparisonRange(range, q.compare);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['compare'], message: (error as Error).message });
        return z.NEVER;
      }
    }
    return {
      range,
      comparison,
      filters: filtersOf(q),
      sort: (q.sort as MetricId | undefined) ?? defaultSort,
      order: q.order ?? 'desc',
      ...(parent ? { parent: (q as Record<string, unknown>)[parent] as string } : {}),
    };
  });
}
