import { isReportTime, isoWeekRange } from '@ctm/reports';
import { z } from 'zod';
import { email } from '../../auth/dto/auth.dto.js';
import { checkRange, dayParam } from '../../metrics/dto/days.js';

/** POST /api/reports: a week (`2026-W47`, compared with the week before) or a custom range (compared with as many days before). */
export const createReportSchema = z
  .object({
    week: z
      .string({ error: 'must be an ISO week as text, e.g. 2026-W47' })
      .superRefine((w, ctx) => {
        try {
          isoWeekRange(w);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(`${w} `, '') });
        }
      })
      .optional()
      .meta({ description: 'An ISO week (Monday to Sunday in the workspace’s time zone).', example: '2026-W47' }),
    from: dayParam('first').optional(),
    to: dayParam('last').optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const range = b.from !== undefined || b.to !== undefined;
    if (b.week !== undefined && range)
      ctx.addIssue({
        code: 'custom',
        path: ['week'],
        message: 'cannot be given with from and to: ask for one or the other',
      });
    else if (b.week === undefined && !range)
      ctx.addIssue({
        code: 'custom',
        path: ['week'],
        message: 'is required, or from and to: the week (e.g. 2026-W47) or the days (YYYY-MM-DD) to report on',
      });
    else if (range && (b.from === undefined || b.to === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [b.from === undefined ? 'from' : 'to'],
        message: `is required with ${b.from === undefined ? 'to' : 'from'}: a custom range needs both days`,
      });
    else checkRange(b, ctx);
  })
  .meta({ example: { week: '2026-W47' } });
export type CreateReportBody = z.infer<typeof createReportSchema>;

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** GET /api/reports/:id/download */
export const downloadQuerySchema = z
  .object({
    format: z
      .enum(REPORT_FORMATS, { error: 'must be pdf, xlsx or csv' })
      .meta({ description: 'pdf, xlsx, or csv (a zip of one CSV file per table).', example: 'pdf' }),
    bom: z
      .enum(['0', '1'], { error: 'must be 1 (start each CSV file with a byte-order mark, for Excel) or 0' })
      .optional()
      .meta({ description: 'CSV only: 1 starts each file with a UTF-8 byte-order mark so Excel reads it right.' }),
  })
  .strict();
export type DownloadQuery = z.infer<typeof downloadQuerySchema>;

/** PUT /api/reports/settings: the weekly schedule and who gets the report by e-mail. */
export const reportSettingsSchema = z
  .object({
    weeklyEnabled: z.boolean({ error: 'weeklyEnabled must be true or false' }),
    weeklyTime: z
      .string({ error: 'weeklyTime must be a time of day as HH:MM' })
      .refine(isReportTime, { error: 'weeklyTime must be a time of day as HH:MM (24-hour), e.g. 06:00' }),
    recipients: z
      .array(email, { error: 'recipients must be a list of email addresses' })
      .max(50, { error: 'recipients can hold at most 50 addresses' })
      .transform((list) => [...new Set(list)]),
  })
  .strict()
  .meta({ example: { weeklyEnabled: true, weeklyTime: '06:00', recipients: ['ana@example.com'] } });
export type ReportSettingsBody = z.infer<typeof reportSettingsSchema>;
