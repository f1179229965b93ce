import { z } from 'zod';

/** A conversion reported by the business's own systems (a shop order, a CRM lead). */
export const reportConversionSchema = z
  .object({
    page: z
      .string({ error: 'is required: the Facebook page id' })
      .regex(/^\d{1,20}$/, { error: 'must be a numeric page id' }),
    psid: z
      .string()
      .regex(/^\d{1,30}$/, { error: 'must be a numeric page-scoped id' })
      .optional(),
    externalId: z
      .string()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' })
      .optional(),
    event: z
      .string({ error: 'is required: the name of the conversion, e.g. purchase' })
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' }),
    value: z
      .number({ error: 'must be a number' })
      .min(0, { error: 'must not be negative' })
      .max(1e12, { error: 'is too large' })
      .optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as EUR or USD' })
      .optional(),
    time: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-11-24T10:15:00Z' })
      .optional(),
    idempotencyKey: z
      .string({ error: 'is required: a key unique to this conversion, so a retry is not counted twice' })
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' }),
  })
  .strict()
  .refine((b) => b.psid !== undefined || b.externalId !== undefined, {
    error: 'psid or externalId is required: who converted',
    path: ['psid'],
  })
  .refine((b) => (b.value === undefined) === (b.currency === undefined), {
    error: 'value and currency go together',
    path: ['currency'],
  })
  .refine((b) => !b.time || Date.parse(b.time) <= Date.now() + 5 * 60_000, {
    error: 'is in the future',
    path: ['time'],
  })
  .meta({
    example: {
      page: '104857600000009',
      psid: '7312345600002000',
      event: 'purchase',
      value: 45,
      currency: 'EUR',
      time: '2026-11-24T10:15:00Z',
      idempotencyKey: 'order-1042',
    },
  });
export type ReportConversionBody = z.infer<typeof reportConversionSchema>;
