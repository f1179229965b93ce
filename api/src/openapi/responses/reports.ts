import type { StreamableFile } from '@nestjs/common';
import { METRIC_IDS } from '@ctm/metrics';
import type { ReportContent } from '@ctm/reports';
import { z } from 'zod';
import type { ReportSettings, ReportSummary } from '../../reports/reports.repository.js';
import type { ReportDetail } from '../../reports/reports.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes, type Json } from '../zod-schema.js';
import { dateTime, dayRange } from './common.js';

const figure = z.object({
  id: z.enum(METRIC_IDS),
  label: z.string(),
  unit: z.enum(['count', 'money', 'ratio', 'multiple', 'duration_ms']),
  value: z.number().nullable(),
  previous: z.number().nullable().meta({ description: 'The comparison period’s value.' }),
  relativeChange: z
    .number()
    .nullable()
    .meta({ description: '(value − previous) / |previous|; null when previous is 0.' }),
  improved: z
    .boolean()
    .nullable()
    .meta({ description: 'Good news by the metric’s direction; null when flat or neutral.' }),
});

const reportContent = describes<ReportContent>()(
  z
    .object({
      version: z.literal(1),
      workspace: z.object({ slug: z.string(), name: z.string(), timeZone: z.string() }),
      kind: z.enum(['weekly', 'custom']),
      week: z.string().nullable(),
      range: dayRange,
      comparison: dayRange,
      generatedAt: z.string(),
      freshness: z.object({ lastSyncAt: z.string().nullable(), lastWebhookAt: z.string().nullable() }),
      currencies: z.array(z.string()),
      headline: z.object({
        observed: z.array(figure),
        byCurrency: z.array(z.object({ currency: z.string(), figures: z.array(figure) })),
      }),
      campaigns: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          status: z.string().nullable(),
          currency: z.string().nullable(),
          figures: z.array(figure),
        }),
      ),
      refLinks: z.object({
        top: z.array(refLine()),
        bottom: z.array(refLine()),
      }),
      warnings: z.object({
        threshold: z.number(),
        minContacts: z.number(),
        blockRate: z.array(
          z.object({
            level: z.enum(['critical', 'warning']),
            subject: z.enum(['page', 'campaign', 'ref']),
            id: z.string(),
            name: z.string(),
            newContacts: z.number(),
            blocked: z.number(),
            blockRate: z.number(),
          }),
        ),
        policy: z.array(
          z.object({
            pageId: z.string(),
            pageName: z.string().nullable(),
            time: z.string(),
            action: z.string(),
            reason: z.string().nullable(),
          }),
        ),
      }),
      reconciliation: z.object({
        metaConversationsStarted: z.number(),
        observedNewContacts: z.number(),
        observedReengaged: z.number(),
        gap: z.number(),
        causes: z.array(z.object({ cause: z.string(), contacts: z.number().nullable(), explanation: z.string() })),
      }),
      daily: z.array(
        z.object({
          day: z.string(),
          newContacts: z.number(),
          conversions: z.number(),
          spend: z.record(z.string(), z.number()),
        }),
      ),
    })
    .meta({ description: 'The report’s figures as generated: every format is rendered from them.' }),
);

function refLine() {
  return z.object({
    source: z.string(),
    ref: z.string(),
    figures: z.array(figure),
    revenue: z.array(z.object({ currency: z.string(), value: z.number() })),
  });
}

const summaryFields = {
  id: z.string(),
  kind: z.enum(['weekly', 'custom']),
  week: z.string().nullable().meta({ description: 'The ISO week of a weekly report.' }),
  range: dayRange,
  comparison: dayRange,
  status: z.enum(['generating', 'ready', 'failed']),
  error: z.string().nullable(),
  requestedBy: z.string().meta({ description: '`schedule`, `command line`, or who asked for it.' }),
  createdAt: dateTime,
  generatedAt: dateTime.nullable(),
  freshness: z
    .object({ lastSyncAt: dateTime.nullable(), lastWebhookAt: dateTime.nullable() })
    .meta({ description: 'How fresh the data was at generation: the last successful ads sync and the last webhook.' }),
  delivery: z
    .object({
      recipients: z.array(z.string()),
      status: z.enum(['pending', 'sending', 'sent', 'failed']),
      attempts: z.number().int(),
      nextAttemptAt: dateTime.nullable(),
      lastError: z.string().nullable(),
      sentAt: dateTime.nullable(),
    })
    .nullable()
    .meta({ description: 'The e-mail of a weekly report, when SMTP_URL is set and the workspace has recipients.' }),
};

const reportSummary = describes<ReportSummary>()(z.object(summaryFields));
const reportDetail = describes<ReportDetail>()(z.object({ ...summaryFields, content: reportContent.nullable() }));

const summaryExample: z.output<typeof reportSummary> = {
  id: '6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  kind: 'weekly',
  week: '2026-W47',
  range: { from: '2026-11-16', to: '2026-11-22' },
  comparison: { from: '2026-11-09', to: '2026-11-15' },
  status: 'ready',
  error: null,
  requestedBy: 'schedule',
  createdAt: '2026-11-23T05:00:00.000Z',
  generatedAt: '2026-11-23T05:00:01.200Z',
  freshness: { lastSyncAt: '2026-11-23T04:05:12.000Z', lastWebhookAt: '2026-11-23T04:59:40.000Z' },
  delivery: {
    recipients: ['ana@example.com'],
    status: 'sent',
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    sentAt: '2026-11-23T05:00:03.000Z',
  },
};

const newContacts = {
  id: 'newContacts' as const,
  label: 'New contacts',
  unit: 'count' as const,
  value: 412,
  previous: 380,
  relativeChange: 0.0842,
  improved: true,
};

export const reportListResponse = responseDoc(
  z.object({ reports: z.array(reportSummary) }),
  { reports: [summaryExample] },
  'The workspace’s reports, latest days first: when each was generated, how fresh its data was, its e-mail.',
);

const detailExample: z.output<typeof reportDetail> = {
  ...summaryExample,
  content: {
    version: 1,
    workspace: { slug: 'demo', name: 'Demo', timeZone: 'Europe/Berlin' },
    kind: 'weekly',
    week: '2026-W47',
    range: { from: '2026-11-16', to: '2026-11-22' },
    comparison: { from: '2026-11-09', to: '2026-11-15' },
    generatedAt: '2026-11-23T05:00:01.200Z',
    freshness: { lastSyncAt: '2026-11-23T04:05:12.000Z', lastWebhookAt: '2026-11-23T04:59:40.000Z' },
    currencies: ['EUR'],
    headline: { observed: [newContacts], byCurrency: [] },
    campaigns: [
      { id: '120210000000001', name: 'Spring sale', status: 'ACTIVE', currency: 'EUR', figures: [newContacts] },
    ],
    refLinks: { top: [{ source: 'SHORTLINK', ref: 'poster-a', figures: [newContacts], revenue: [] }], bottom: [] },
    warnings: { threshold: 0.05, minContacts: 30, blockRate: [], policy: [] },
    reconciliation: {
      metaConversationsStarted: 430,
      observedNewContacts: 398,
      observedReengaged: 20,
      gap: 12,
      causes: [],
    },
    daily: [{ day: '2026-11-16', newContacts: 61, conversions: 7, spend: { EUR: 120.5 } }],
  },
};

export const reportResponse = responseDoc(
  reportDetail,
  detailExample,
  'A report with its figures as generated (content is null until it is ready).',
);

export const reportSettingsResponse = responseDoc(
  describes<ReportSettings>()(
    z.object({
      weeklyEnabled: z.boolean(),
      weeklyTime: z.string().meta({ description: 'HH:MM on Mondays, in the workspace’s time zone.' }),
      recipients: z.array(z.string()).meta({ description: 'Who gets each weekly report by e-mail (PDF attached).' }),
    }),
  ),
  { weeklyEnabled: true, weeklyTime: '06:00', recipients: ['ana@example.com'] },
  'When the weekly report is made and who gets it by e-mail.',
);

export const reportFileResponse = responseDoc(
  z.custom<Json<StreamableFile>>().meta({ type: 'string', format: 'binary', description: 'The report file.' }),
  '<PDF bytes>' as unknown as Json<StreamableFile>,
  'The report as an attachment: application/pdf with format=pdf; with format=xlsx an XLSX workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), with format=csv a zip of CSV files, one per table (application/zip).',
  'application/pdf',
);
