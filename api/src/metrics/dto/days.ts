import { isDay, MAX_RANGE_DAYS, rangeDays } from '@ctm/metrics';
import { z } from 'zod';

/** A query parameter naming a calendar day (`what`: first or last). */
export const dayParam = (what: 'first' | 'last') =>
  z
    .string({ error: `is required: the ${what} day, as YYYY-MM-DD` })
    .refine(isDay, { error: `must be a calendar day as YYYY-MM-DD (the ${what} day)` })
    .meta({
      description: `The ${what} day of the range, inclusive (YYYY-MM-DD).`,
      format: 'date',
      example: what === 'first' ? '2026-11-01' : '2026-11-30',
    });

/** A range's own checks, with the parameter each problem is about: from after to, or too long. */
export function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (!q.from || !q.to) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is after to' });
  else if (rangeDays({ from: q.from, to: q.to }) > MAX_RANGE_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `makes a range over ${MAX_RANGE_DAYS} days` });
}
