import { z } from 'zod';
import type { Cohorts } from '../../metrics/cohorts.service.js';
import type { Reconciliation } from '../../metrics/reconciliation.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';
import { dayRange } from './common.js';

export const cohortsResponse = responseDoc(
  describes<Cohorts>()(
    z.object({
      range: dayRange.meta({ description: 'The days of first contact.' }),
      by: z.enum(['source', 'campaign']),
      maxDays: z.number().int(),
      timeZone: z.string(),
      rows: z.array(
        z.object({
          key: z
            .string()
            .meta({ description: 'The source (ADS, SHORTLINK, …) or the campaign id (empty for ads not synced).' }),
          name: z.string().nullable(),
          newContacts: z.number().int(),
          curve: z.array(
            z.object({
              day: z.number().int().meta({ description: 'Days since first contact.' }),
              eligible: z.number().int().meta({ description: 'Contacts first seen at least this many days ago.' }),
              converted: z.number().int().meta({ description: 'Of those, converted within `day` days.' }),
              rate: z
                .number()
                .nullable()
                .meta({ description: 'converted / eligible; null when none is eligible yet.' }),
            }),
          ),
        }),
      ),
    }),
  ),
  {
    range: { from: '2026-10-01', to: '2026-10-31' },
    by: 'source',
    maxDays: 28,
    timeZone: 'Europe/Madrid',
    rows: [
      {
        key: 'ADS',
        name: null,
        newContacts: 120,
        curve: [
          { day: 0, eligible: 120, converted: 6, rate: 0.05 },
          { day: 7, eligible: 120, converted: 15, rate: 0.125 },
        ],
      },
    ],
  },
  'A conversion curve per source or campaign.',
);

const counts = {
  metaConversationsStarted: z
    .number()
    .int()
    .meta({ description: 'Meta’s conversations started (7-day rule), days in the ad account’s time zone.' }),
  observedNewContacts: z.number().int().meta({ description: 'People whose first message came from the ad.' }),
  observedReengaged: z
    .number()
    .int()
    .meta({ description: 'People already in a conversation who came back through it.' }),
  gap: z
    .number()
    .int()
    .meta({ description: 'Meta’s count minus observed new and re-engaged: positive when Meta saw more.' }),
};

export const reconciliationResponse = responseDoc(
  describes<Reconciliation>()(
    z.object({
      range: dayRange,
      by: z.enum(['ad', 'day']),
      ad: z.string().nullable(),
      timeZones: z.object({ messenger: z.string(), ads: z.array(z.string()) }),
      totals: z.object(counts),
      causes: z.array(
        z.object({
          cause: z.enum([
            'before_webhooks',
            'no_referral',
            'ad_not_synced',
            'seven_day_rule',
            'time_zones',
            'attribution_window',
          ]),
          contacts: z
            .number()
            .int()
            .nullable()
            .meta({ description: 'What this cause can account for, when countable.' }),
          explanation: z.string(),
        }),
      ),
      rows: z.array(
        z.object({
          key: z.string().meta({ description: 'The ad’s id, or the day (YYYY-MM-DD) with ad=.' }),
          adName: z.string().nullable(),
          campaignId: z.string().nullable(),
          campaignName: z.string().nullable(),
          ...counts,
        }),
      ),
    }),
  ),
  {
    range: { from: '2026-11-01', to: '2026-11-07' },
    by: 'ad',
    ad: null,
    timeZones: { messenger: 'Europe/Madrid', ads: ['Europe/Madrid'] },
    totals: { metaConversationsStarted: 42, observedNewContacts: 35, observedReengaged: 3, gap: 4 },
    causes: [
      {
        cause: 'no_referral',
        contacts: 3,
        explanation: '3 contacts opened the conversation without a referral, so no ad can be credited.',
      },
    ],
    rows: [
      {
        key: '120210000000011',
        adName: 'Spring sale — video',
        campaignId: '120210000000001',
        campaignName: 'Spring sale',
        metaConversationsStarted: 42,
        observedNewContacts: 35,
        observedReengaged: 3,
        gap: 4,
      },
    ],
  },
  'Meta’s conversations started against observed contacts per ad (or per day of one ad), worst gap first.',
);
