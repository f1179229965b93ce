import { METRIC_IDS, type MetricId } from '@ctm/metrics';
import { z } from 'zod';
import type { AdRowsReport } from '../../metrics/ad-rows.service.js';
import type { ContactDetail, ContactRow } from '../../metrics/contacts.service.js';
import { FUNNEL_STAGES, type Funnel } from '../../metrics/funnel.service.js';
import type { Overview } from '../../metrics/overview.service.js';
import type { RefLinksReport } from '../../metrics/ref-links.service.js';
import type { Timeseries } from '../../metrics/timeseries.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';
import { compared, dateTime, day, dayRange, figureExample, significance, timeZones } from './common.js';

const metricId = z.enum(METRIC_IDS as [MetricId, ...MetricId[]]);
const figures = z
  .record(z.string(), compared)
  .meta({ description: `Figures by metric id (${METRIC_IDS.join(', ')}): those that apply here.` });
const metricInfo = z.object({
  id: metricId,
  label: z.string(),
  unit: z.string().meta({ enum: ['count', 'money', 'ratio', 'multiple', 'duration_ms'] }),
  better: z.string().meta({ enum: ['higher', 'lower', 'neither'] }),
});
const comparison = dayRange.nullable().meta({ description: 'The comparison period; null without compare=.' });
const range = { from: '2026-11-01', to: '2026-11-02' };
const before = { from: '2026-10-30', to: '2026-10-31' };
const zones = { messenger: 'Europe/Madrid', ads: "each ad account's own, as Meta reports" };

export const overviewResponse = responseDoc(
  describes<Overview>()(
    z.object({
      range: dayRange,
      comparison,
      timeZones,
      observed: figures.meta({ description: 'Observed Messenger figures, all sources, no money.' }),
      byCurrency: z
        .array(
          z.object({
            currency: z.string(),
            metrics: figures,
            reach: z
              .object({ value: z.number().nullable(), status: z.enum(['ready', 'pending', 'unavailable']) })
              .meta({
                description:
                  'Meta’s unique reach over the range, summed over the currency’s accounts; `pending` while fetched from Meta (ask again), `unavailable` without a connection.',
              }),
          }),
        )
        .meta({ description: 'Per currency, never summed across: spend and what is computed from it.' }),
      series: z.array(
        z.object({
          day,
          newContacts: z.number(),
          conversions: z.number(),
          spend: z.record(z.string(), z.number()).meta({ description: 'Spend per currency.' }),
        }),
      ),
    }),
  ),
  {
    range,
    comparison: before,
    timeZones: zones,
    observed: { newContacts: { value: 4, previous: 1, change: 3, relativeChange: 3, improved: true } },
    byCurrency: [
      {
        currency: 'EUR',
        metrics: { spend: { value: 30, previous: 15, change: 15, relativeChange: 1, improved: null } },
        reach: { value: 2400, status: 'ready' },
      },
    ],
    series: [
      { day: '2026-11-01', newContacts: 1, conversions: 0, spend: { EUR: 10 } },
      { day: '2026-11-02', newContacts: 3, conversions: 1, spend: { EUR: 20, USD: 30 } },
    ],
  },
  'Headline figures of the range, with the comparison period’s beside them, and a daily series.',
);

const adLevel = z.enum(['campaign', 'adset', 'ad']);
export const adRowsResponse = responseDoc(
  describes<AdRowsReport>()(
    z.object({
      level: adLevel,
      parent: z.object({ level: adLevel, id: z.string() }).nullable(),
      range: dayRange,
      comparison,
      timeZones,
      rows: z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          level: adLevel,
          status: z.string().nullable(),
          currency: z
            .string()
            .nullable()
            .meta({ description: 'The ad account’s currency: every money figure of the row.' }),
          metrics: figures,
          significance,
          reach: z
            .object({
              value: z.number().nullable(),
              frequency: z.number().nullable(),
              status: z.enum(['ready', 'pending', 'unavailable']),
            })
            .meta({
              description:
                'Meta’s unique reach over the range and frequency (impressions / reach), fetched from Meta once per range: `pending` the first time (ask again), `unavailable` below the campaign level or without a connection.',
            }),
        }),
      ),
    }),
  ),
  {
    level: 'campaign',
    parent: null,
    range,
    comparison: null,
    timeZones: zones,
    rows: [
      {
        id: '120210000000001',
        name: 'Spring sale',
        level: 'campaign',
        status: 'ACTIVE',
        currency: 'EUR',
        metrics: { spend: { value: 30, previous: null, change: null, relativeChange: null, improved: null } },
        significance: null,
        reach: { value: 2400, frequency: 1.25, status: 'ready' },
      },
    ],
  },
  'A row per object, sorted by `sort`; money in the row’s currency.',
);

export const refLinksResponse = responseDoc(
  describes<RefLinksReport>()(
    z.object({
      range: dayRange,
      comparison,
      timeZone: z.string().meta({ description: 'Observed figures are filed by day in the workspace’s time zone.' }),
      metrics: z.array(metricInfo),
      rows: z.array(
        z.object({
          source: z.string(),
          ref: z.string(),
          metrics: figures,
          revenue: z
            .array(z.object({ currency: z.string(), value: z.number(), previous: z.number().nullable() }))
            .meta({ description: 'Revenue per currency: never summed across currencies.' }),
          significance,
          trend: z.array(z.object({ day, newContacts: z.number(), conversions: z.number() })),
        }),
      ),
    }),
  ),
  {
    range,
    comparison: null,
    timeZone: 'Europe/Madrid',
    metrics: [{ id: 'newContacts', label: 'New contacts', unit: 'count', better: 'higher' }],
    rows: [
      {
        source: 'SHORTLINK',
        ref: 'spring-qr',
        metrics: {
          newContacts: { ...figureExample, previous: null, change: null, relativeChange: null, improved: null },
        },
        revenue: [{ currency: 'EUR', value: 45, previous: null }],
        significance: null,
        trend: [{ day: '2026-11-01', newContacts: 2, conversions: 1 }],
      },
    ],
  },
  'A row per ref (m.me link, QR code, chat-plugin ref), biggest first.',
);

export const timeseriesResponse = responseDoc(
  describes<Timeseries>()(
    z.object({
      metric: metricInfo,
      interval: z.enum(['day', 'week', 'month']),
      periods: z.array(day).meta({ description: 'Each period’s first day (weeks start on Monday).' }),
      timeZones,
      series: z.array(
        z.object({
          group: z.string().nullable().meta({ description: 'The campaign, ad, ref or source; null without groupBy.' }),
          currency: z.string().nullable().meta({ description: 'The currency of a money metric; null otherwise.' }),
          points: z.array(z.object({ period: day, value: z.number().nullable() })),
        }),
      ),
    }),
  ),
  {
    metric: { id: 'newContacts', label: 'New contacts', unit: 'count', better: 'higher' },
    interval: 'day',
    periods: ['2026-11-01', '2026-11-02'],
    timeZones: zones,
    series: [
      {
        group: 'ADS',
        currency: null,
        points: [
          { period: '2026-11-01', value: 1 },
          { period: '2026-11-02', value: 2 },
        ],
      },
    ],
  },
  'One series per group (one without groupBy), a point per period.',
);

const stageCounts = z.object(
  Object.fromEntries(FUNNEL_STAGES.map((s) => [s, z.number().nullable()])) as Record<
    (typeof FUNNEL_STAGES)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);
export const funnelResponse = responseDoc(
  describes<Funnel>()(
    z.object({
      by: z.enum(['source', 'campaign']),
      range: dayRange,
      stages: z.array(z.enum(FUNNEL_STAGES)),
      rows: z.array(
        z.object({
          key: z.string().meta({ description: 'The source (ADS, SHORTLINK, …) or the campaign id.' }),
          stages: stageCounts.meta({ description: 'Each stage’s count; null where the stage does not exist.' }),
          stepRates: stageCounts.meta({
            description: 'Each stage over the one before; null where either is missing or 0.',
          }),
        }),
      ),
    }),
  ),
  {
    by: 'source',
    range,
    stages: [...FUNNEL_STAGES],
    rows: [
      {
        key: 'ADS',
        stages: { clicks: 70, conversationsStarted: 6, newContacts: 3, replied: 2, converted: 1 },
        stepRates: { clicks: null, conversationsStarted: 0.0857, newContacts: 0.5, replied: 0.6667, converted: 0.5 },
      },
    ],
  },
  'Clicks → conversations started → new contacts → replied → converted, a row per source or campaign.',
);

const contactRow = describes<ContactRow>()(
  z.object({
    id: z.string().meta({ description: 'Opaque: for GET /api/contacts/{id}.' }),
    pageId: z.string(),
    psid: z.string().nullable(),
    firstSeenAt: dateTime,
    source: z.string(),
    ref: z.string().nullable(),
    adId: z.string().nullable(),
    campaignId: z.string().nullable(),
    inboundMessages: z.number().int(),
    lastInboundAt: dateTime.nullable(),
    reachability: z.string().meta({ enum: ['unknown', 'reachable', 'unreachable'] }),
    unreachableAt: dateTime.nullable(),
    conversions: z.number().int(),
  }),
);
const contactExample = {
  id: 'WyIxMDQ4NTc2MDAwMDAwMDkiLCI3MzEyMzQ1NjAwMDAyMDAzIl0',
  pageId: '104857600000009',
  psid: '7312345600002003',
  firstSeenAt: '2026-11-02T12:00:00.000Z',
  source: 'ADS',
  ref: null,
  adId: '120210000000011',
  campaignId: '120210000000001',
  inboundMessages: 3,
  lastInboundAt: '2026-11-02T12:04:00.000Z',
  reachability: 'reachable',
  unreachableAt: null,
  conversions: 1,
};

export const contactListResponse = responseDoc(
  describes<{ rows: ContactRow[]; nextCursor: string | null }>()(
    z.object({
      rows: z.array(contactRow),
      nextCursor: z.string().nullable().meta({ description: 'Pass as cursor= for the next page; null on the last.' }),
    }),
  ),
  { rows: [contactExample], nextCursor: null },
  'Contacts newest first.',
);

export const contactResponse = responseDoc(
  describes<ContactDetail>()(
    contactRow.extend({
      touches: z.array(
        z.object({
          time: dateTime,
          source: z.string(),
          ref: z.string().nullable(),
          adId: z.string().nullable(),
          opensThread: z.boolean(),
        }),
      ),
      conversionsList: z.array(
        z.object({
          time: dateTime,
          event: z.string(),
          value: z.number().nullable(),
          currency: z.string().nullable(),
          creditedSource: z.string().nullable(),
        }),
      ),
      sendOutcomes: z.array(z.object({ time: dateTime, outcome: z.string(), errorCode: z.number().int().nullable() })),
    }),
  ),
  {
    ...contactExample,
    touches: [
      { time: '2026-11-02T12:00:00.000Z', source: 'ADS', ref: null, adId: '120210000000011', opensThread: true },
    ],
    conversionsList: [
      { time: '2026-11-02T15:30:00.000Z', event: 'purchase', value: 45, currency: 'EUR', creditedSource: 'ADS' },
    ],
    sendOutcomes: [{ time: '2026-11-02T12:05:00.000Z', outcome: 'delivered', errorCode: null }],
  },
  'The contact with its timeline: touches, conversions, Send API answers.',
);
