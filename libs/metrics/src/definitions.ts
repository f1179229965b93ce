import { medianFromBuckets, RESPONSE_BUCKETS } from './response-time.js';
import { DELIVERY_TOTALS, type TotalName, type Totals } from './totals.js';

export type MetricUnit = 'count' | 'money' | 'ratio' | 'multiple' | 'duration_ms';
/** Which way is good: a marketer wants conversion rate up and cost per contact down. */
export type Better = 'higher' | 'lower' | 'neither';
/** Where a figure comes from, as the dashboard labels it. */
export type MetricSource = 'delivery' | 'meta' | 'observed';

export type MetricDefinition = {
  id: MetricId;
  label: string;
  /** One sentence: what it counts, as the dashboard's tooltip and the reports' legend say it. */
  description: string;
  /** The formula in words, e.g. "spend / new contacts". */
  formula: string;
  unit: MetricUnit;
  better: Better;
  source: MetricSource;
  /** The totals the value is computed from. */
  reads: readonly TotalName[];
  /** The value for a slice's totals; null where it is undefined (a ratio over zero). */
  value(t: Totals): number | null;
};

const total = (name: TotalName) => ({ reads: [name], value: (t: Totals): number => t[name] });
const ratio = (num: TotalName, den: TotalName, scale = 1) => ({
  reads: [num, den],
  value: (t: Totals): number | null => (t[den] > 0 ? (t[num] / t[den]) * scale : null),
});

/** Every metric, defined once: the API computes, the dashboard and the reports label and format with these. */
export const METRICS = {
  spend: {
    label: 'Spend',
    description: 'What the ads cost, as Meta reports it.',
    formula: 'spend',
    unit: 'money',
    better: 'neither',
    source: 'delivery',
    ...total('spend'),
  },
  impressions: {
    label: 'Impressions',
    description: 'Times the ads were shown.',
    formula: 'impressions',
    unit: 'count',
    better: 'higher',
    source: 'delivery',
    ...total('impressions'),
  },
  clicks: {
    label: 'Clicks',
    description: 'Clicks on the ads, as Meta counts them.',
    formula: 'clicks',
    unit: 'count',
    better: 'higher',
    source: 'delivery',
    ...total('clicks'),
  },
  ctr: {
    label: 'CTR',
    description: 'Share of impressions that were clicked.',
    formula: 'clicks / impressions',
    unit: 'ratio',
    better: 'higher',
    source: 'delivery',
    ...ratio('clicks', 'impressions'),
  },
  cpm: {
    label: 'CPM',
    description: 'Cost of a thousand impressions.',
    formula: 'spend / impressions × 1,000',
    unit: 'money',
    better: 'lower',
    source: 'delivery',
    ...ratio('spend', 'impressions', 1000),
  },
  cpc: {
    label: 'CPC',
    description: 'Cost of a click.',
    formula: 'spend / clicks',
    unit: 'money',
    better: 'lower',
    source: 'delivery',
    ...ratio('spend', 'clicks'),
  },
  conversationsStarted: {
    label: 'Conversations started (Meta)',
    description: "Meta's count of messaging conversations started within 7 days of an ad interaction.",
    formula: 'onsite_conversion.messaging_conversation_started_7d',
    unit: 'count',
    better: 'higher',
    source: 'meta',
    ...total('conversationsStarted'),
  },
  firstReplies: {
    label: 'First replies (Meta)',
    description: "Meta's count of people who replied to the page's first message.",
    formula: 'onsite_conversion.messaging_first_reply',
    unit: 'count',
    better: 'higher',
    source: 'meta',
    ...total('firstReplies'),
  },
  messagingConnections: {
    label: 'Messaging connections (Meta)',
    description: "Meta's count of people the page can now message after an ad.",
    formula: 'onsite_conversion.total_messaging_connection',
    unit: 'count',
    better: 'higher',
    source: 'meta',
    ...total('messagingConnections'),
  },
  metaBlocks: {
    label: 'Blocks (Meta)',
    description: "Meta's count of people who blocked the page after an ad.",
    formula: 'onsite_conversion.messaging_block',
    unit: 'count',
    better: 'lower',
    source: 'meta',
    ...total('metaBlocks'),
  },
  costPerConversationStarted: {
    label: 'Cost per conversation started (Meta)',
    description: "Spend over Meta's conversations started.",
    formula: 'spend / conversations started',
    unit: 'money',
    better: 'lower',
    source: 'meta',
    ...ratio('spend', 'conversationsStarted'),
  },
  newContacts: {
    label: 'New contacts',
    description: 'People who wrote to the page for the first time, seen through webhooks.',
    formula: 'contacts whose thread opened in the period',
    unit: 'count',
    better: 'higher',
    source: 'observed',
    ...total('newContacts'),
  },
  reengagedContacts: {
    label: 'Re-engaged contacts',
    description: 'Existing contacts brought back into their thread by an ad or a link.',
    formula: 'referrals into threads already open',
    unit: 'count',
    better: 'higher',
    source: 'observed',
    ...total('reengagedContacts'),
  },
  costPerNewContact: {
    label: 'Cost per new contact',
    description: 'Spend over the new contacts the ads brought.',
    formula: 'spend / new contacts',
    unit: 'money',
    better: 'lower',
    source: 'observed',
    ...ratio('spend', 'newContacts'),
  },
  replyRate: {
    label: 'Reply rate',
    description: 'Share of new contacts who sent a second message.',
    formula: 'new contacts who replied / new contacts',
    unit: 'ratio',
    better: 'higher',
    source: 'observed',
    ...ratio('repliedNewContacts', 'newContacts'),
  },
  conversions: {
    label: 'Conversions',
    description: 'Conversions by the workspace’s rules and those reported by its systems.',
    formula: 'conversions',
    unit: 'count',
    better: 'higher',
    source: 'observed',
    ...total('conversions'),
  },
  conversionRate: {
    label: 'Conversion rate',
    description: 'Share of new contacts who converted.',
    formula: 'converted new contacts / new contacts',
    unit: 'ratio',
    better: 'higher',
    source: 'observed',
    ...ratio('convertedNewContacts', 'newContacts'),
  },
  revenue: {
    label: 'Revenue',
    description: 'Value of the conversions that carry one.',
    formula: 'sum of conversion values',
    unit: 'money',
    better: 'higher',
    source: 'observed',
    ...total('revenue'),
  },
  roas: {
    label: 'ROAS',
    description: 'Revenue per unit of spend.',
    formula: 'revenue / spend',
    unit: 'multiple',
    better: 'higher',
    source: 'observed',
    ...ratio('revenue', 'spend'),
  },
  blocks: {
    label: 'Blocks',
    description: 'New contacts the page can no longer reach (the Send API answered 551: blocked or deactivated).',
    formula: 'unreachable new contacts',
    unit: 'count',
    better: 'lower',
    source: 'observed',
    ...total('unreachableNewContacts'),
  },
  blockRate: {
    label: 'Block rate',
    description: 'Share of new contacts the page can no longer reach.',
    formula: 'unreachable new contacts / new contacts',
    unit: 'ratio',
    better: 'lower',
    source: 'observed',
    ...ratio('unreachableNewContacts', 'newContacts'),
  },
  medianFirstResponse: {
    label: 'Median first response',
    description:
      'Half of the new contacts the page answered got its first message within this time of their own first message (read from a histogram: exact to within its bucket).',
    formula: "median of (page's first message − contact's first event), over new contacts the page answered",
    unit: 'duration_ms',
    better: 'lower',
    source: 'observed',
    reads: RESPONSE_BUCKETS.map((b) => b.total),
    value: (t: Totals) => medianFromBuckets(RESPONSE_BUCKETS.map((b) => t[b.total])),
  },
} satisfies Record<string, Omit<MetricDefinition, 'id'>>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as MetricId[];

export function metric(id: MetricId): MetricDefinition {
  return { id, ...METRICS[id] } as MetricDefinition;
}

export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRICS, id);
}

/**
 * Whether a metric needs Meta's delivery figures (spend, impressions, Meta's counts). Those belong
 * to ads: a slice of contacts by page, source or ref has none, so such a metric is undefined there.
 */
export function readsDelivery(id: MetricId): boolean {
  return METRICS[id].reads.some((name) => (DELIVERY_TOTALS as readonly string[]).includes(name));
}
