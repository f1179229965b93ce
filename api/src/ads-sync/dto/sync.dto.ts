import { z } from 'zod';

const day = z
  .string({ error: 'must be a date like 2026-11-01' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-11-01' })
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      error: 'is not a real calendar date',
    },
  );

/** Meta keeps insights for 37 months (date_preset=maximum): a longer backfill cannot be served. */
export const MAX_BACKFILL_DAYS = 37 * 31;

export const startSyncSchema = z
  .object({
    account: z
      .string({ error: 'is required: the ad account to sync, like act_1234567890' })
      .regex(/^(act_)?\d{1,20}$/, { error: 'must be an ad account id like act_1234567890' })
      .transform((a) => (a.startsWith('act_') ? a : `act_${a}`)),
    since: day,
    until: day.optional(),
  })
  .strict()
  .refine((b) => !b.until || b.since <= b.until, { error: 'since must not be after until', path: ['since'] })
  .refine((b) => !b.until || (Date.parse(b.until) - Date.parse(b.since)) / 86_400_000 + 1 <= MAX_BACKFILL_DAYS, {
    error: `the range is longer than Meta keeps insights (37 months)`,
    path: ['until'],
  })
  .meta({ example: { account: 'act_1234567890', since: '2026-09-01', until: '2026-11-24' } });
export type StartSyncBody = z.infer<typeof startSyncSchema>;

export const listRunsSchema = z
  .object({
    account: z
      .string()
      .regex(/^act_\d{1,20}$/, { error: 'must be an ad account id like act_1234567890' })
      .optional(),
    limit: z.coerce
      .number({ error: 'must be a number from 1 to 200' })
      .int({ error: 'must be a number from 1 to 200' })
      .min(1, { error: 'must be a number from 1 to 200' })
      .max(200, { error: 'must be a number from 1 to 200' })
      .default(50),
  })
  .strict();
export type ListRunsQuery = z.infer<typeof listRunsSchema>;

export const runIdSchema = z.uuid({ error: 'id must be a sync run id (a UUID)' });
