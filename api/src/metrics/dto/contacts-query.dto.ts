import { z } from 'zod';
import { checkRange, dayParam } from './days.js';
import { filterShape } from './filters.dto.js';

/** GET /api/contacts: filters on the opening touch and state, keyset paging newest first. */
export const contactsQuery = z
  .object({
    from: dayParam('first').optional(),
    to: dayParam('last').optional(),
    page: z
      .string()
      .regex(/^\d{1,20}$/, { error: 'must be a numeric page id' })
      .optional(),
    source: z
      .string()
      .regex(/^[A-Z_]{2,40}$/, { error: 'must be a referral source such as ADS or SHORTLINK' })
      .optional(),
    ref: z.string().max(250, { error: 'must be at most 250 characters' }).optional(),
    ad: filterShape.ad,
    adset: filterShape.adset,
    campaign: filterShape.campaign,
    account: filterShape.account,
    q: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      .optional()
      .meta({ description: 'Search: the start of a contact’s PSID, or part of the ref they arrived through.' }),
    reachability: z
      .enum(['unknown', 'reachable', 'unreachable'], { error: 'must be unknown, reachable or unreachable' })
      .optional(),
    converted: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .optional()
      .meta({ description: 'Only contacts with (true) or without (false) a conversion.' }),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(200, { error: 'must be at most 200' })
      .optional(),
    cursor: z.string().max(500).optional().meta({ description: 'The nextCursor of the previous page.' }),
  })
  .strict()
  .superRefine(checkRange);
export type ContactsQuery = z.infer<typeof contactsQuery>;
