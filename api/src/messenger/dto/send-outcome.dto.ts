import { z } from 'zod';

/**
 * What the Send API answered when the page (its bot, its agents' tool) messaged a person, reported
 * by the business's systems: `error` exactly as Graph returned it under "error", or null when the
 * message went out.
 */
export const reportSendOutcomeSchema = z
  .object({
    page: z
      .string({ error: 'is required: the Facebook page id' })
      .regex(/^\d{1,20}$/, { error: 'must be a numeric page id' }),
    psid: z
      .string({ error: "is required: the recipient's page-scoped id" })
      .regex(/^\d{1,30}$/, { error: 'must be a numeric page-scoped id' }),
    time: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-11-24T10:15:00Z' })
      .optional(),
    error: z
      .object(
        {
          code: z.number({ error: "is required: Graph's error code" }).int({ error: 'must be an integer' }),
          error_subcode: z.number().int({ error: 'must be an integer' }).nullish(),
          message: z.string().max(2000, { error: 'must be at most 2000 characters' }).nullish(),
        },
        { error: "is required: Graph's error object as it answered, or null when the message was sent" },
      )
      .loose()
      .nullable(),
    idempotencyKey: z
      .string({ error: 'is required: a key unique to this send, e.g. the message id or the request id' })
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' }),
  })
  .strict()
  .refine((b) => !b.time || Date.parse(b.time) <= Date.now() + 5 * 60_000, {
    error: 'is in the future',
    path: ['time'],
  })
  .meta({
    example: {
      page: '104857600000009',
      psid: '7312345600002000',
      time: '2026-11-24T10:15:00Z',
      error: { code: 551, error_subcode: 1545041, message: "This person isn't available right now." },
      idempotencyKey: 'm_AbC123',
    },
  });
export type ReportSendOutcomeBody = z.infer<typeof reportSendOutcomeSchema>;
