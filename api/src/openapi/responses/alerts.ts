import { z } from 'zod';
import type { Alerts } from '../../alerts/alerts.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';
import { dateTime, dayRange } from './common.js';

export const alertsResponse = responseDoc(
  describes<Alerts>()(
    z.object({
      generatedAt: dateTime,
      blockRateRange: dayRange.meta({ description: 'The days block rates are judged over (the last 7).' }),
      blockRate: z.object({ threshold: z.number(), minContacts: z.number().int() }),
      alerts: z.array(
        z.object({
          id: z.string().meta({ description: 'Stable while the condition lasts: its kind and subject.' }),
          kind: z.enum([
            'demo',
            'token_invalid',
            'token_expiring',
            'sync_failing',
            'sync_stale',
            'block_rate',
            'policy_enforcement',
            'webhooks_silent',
          ]),
          severity: z.enum(['critical', 'warning', 'info']),
          subject: z.object({
            type: z.enum(['workspace', 'connection', 'ad_account', 'page', 'campaign', 'ref']),
            id: z.string(),
            name: z.string().nullable(),
          }),
          message: z.string().meta({ description: 'One sentence: what is wrong and what to do.' }),
          since: dateTime.nullable().meta({ description: 'When the condition started, when known.' }),
          figures: z
            .record(z.string(), z.union([z.number(), z.tuple([z.number(), z.number()])]))
            .optional()
            .meta({ description: 'The numbers behind a block-rate or silence alert.' }),
        }),
      ),
      freshness: z
        .object({
          pages: z.array(
            z.object({
              id: z.string(),
              name: z.string().nullable(),
              lastWebhookAt: dateTime.nullable().meta({ description: 'The last webhook received for the page.' }),
            }),
          ),
          adAccounts: z.array(
            z.object({
              id: z.string(),
              name: z.string().nullable(),
              insightsSyncedAt: dateTime
                .nullable()
                .meta({ description: 'The end of the last successful insights sync of the account.' }),
            }),
          ),
        })
        .meta({ description: 'How fresh the data is: last webhook per page, last insights sync per ad account.' }),
    }),
  ),
  {
    generatedAt: '2026-11-25T10:00:00.000Z',
    blockRateRange: { from: '2026-11-19', to: '2026-11-25' },
    blockRate: { threshold: 0.05, minContacts: 30 },
    alerts: [
      {
        id: 'block_rate:campaign:120210000000001',
        kind: 'block_rate',
        severity: 'critical',
        subject: { type: 'campaign', id: '120210000000001', name: 'Spring sale' },
        message: 'Spring sale: 9% of its 120 new contacts blocked the page in the last 7 days (threshold 5%).',
        since: null,
        figures: { blockRate: 0.09, newContacts: 120, blocks: 11, interval: [0.05, 0.15] },
      },
    ],
    freshness: {
      pages: [{ id: '104857600000009', name: 'Acme Shoes', lastWebhookAt: '2026-11-25T09:58:12.000Z' }],
      adAccounts: [{ id: 'act_100000000000001', name: 'Acme EU', insightsSyncedAt: '2026-11-25T09:05:00.000Z' }],
    },
  },
  'What needs attention now, worst first.',
);
