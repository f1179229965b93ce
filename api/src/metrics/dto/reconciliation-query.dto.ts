import { z } from 'zod';
import { checkRange, dayParam } from './days.js';
import { filterShape } from './filters.dto.js';

const objectId = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: `must be ${what} id (digits, as Meta gives them)` })
    .optional();

export const reconciliationQuery = z
  .object({
    from: dayParam('first').meta({ example: '2026-11-01' }),
    to: dayParam('last').meta({ example: '2026-11-07' }),
    ad: objectId('an ad').meta({
      description: 'One ad: a row per day instead of a row per ad.',
      example: '120210000000000001',
    }),
    campaign: objectId('a campaign').meta({ description: 'Only the ads of this campaign.' }),
    adset: objectId('an ad set').meta({ description: 'Only the ads of this ad set.' }),
    account: filterShape.account,
  })
  .strict()
  .superRefine(checkRange);
export type ReconciliationQuery = z.infer<typeof reconciliationQuery>;
