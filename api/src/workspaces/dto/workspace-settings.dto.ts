import { z } from 'zod';

const WHOLE = 'blockRateMinContacts must be a whole number between 1 and 100000';
const WINDOW = 'attributionWindowDays must be a whole number of days between 1 and 90';
const ZONE = 'timeZone must be an IANA time zone such as Europe/Madrid, America/New_York or UTC';

/** An IANA zone name the runtime knows (offsets such as +02:00 are not zones: they ignore daylight saving). */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

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
      .number({ error: WHOLE })
      .int({ error: WHOLE })
      .min(1, { error: WHOLE })
      .max(100_000, { error: WHOLE })
      .optional(),
    attributionModel: z
      .enum(['first_touch', 'last_touch'], {
        error: 'attributionModel must be first_touch (the touch that opened the conversation) or last_touch',
      })
      .optional(),
    attributionWindowDays: z
      .number({ error: WINDOW })
      .int({ error: WINDOW })
      .min(1, { error: WINDOW })
      .max(90, { error: WINDOW })
      .optional(),
    timeZone: z.string({ error: ZONE }).trim().refine(isIanaTimeZone, { error: ZONE }).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    error:
      'the body must change at least one of name, blockRateThreshold, blockRateMinContacts, attributionModel, ' +
      'attributionWindowDays and timeZone',
  })
  .meta({ example: { blockRateThreshold: 0.05, blockRateMinContacts: 30 } });
export type UpdateWorkspaceBody = z.infer<typeof updateWorkspaceSchema>;
