import type { DayRange, MetricId, MetricUnit } from '@ctm/metrics';

/** The headline figures, in this order: counts and rates observed through the webhooks, all currencies together. */
export const HEADLINE_OBSERVED: MetricId[] = [
  'newContacts',
  'conversions',
  'conversionRate',
  'replyRate',
  'blocks',
  'blockRate',
  'medianFirstResponse',
];
/** The headline figures that involve money (or Meta's delivery), one set per currency. */
export const HEADLINE_CURRENCY: MetricId[] = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'costPerNewContact',
  'revenue',
  'roas',
];
/** The campaign table's figures, in this order. */
export const CAMPAIGN_METRICS: MetricId[] = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'newContacts',
  'costPerNewContact',
  'conversions',
  'conversionRate',
  'revenue',
  'roas',
  'blockRate',
];
/** The ref-link tables' figures, in this order. */
export const REF_LINK_METRICS: MetricId[] = ['newContacts', 'conversions', 'conversionRate', 'blocks', 'blockRate'];
/** How many ref links the top and the bottom tables list. */
export const REF_LINKS_LISTED = 10;

export type ReportKind = 'weekly' | 'custom';

/** A figure beside the comparison period's. */
export type Figure = {
  id: MetricId;
  label: string;
  unit: MetricUnit;
  value: number | null;
  previous: number | null;
  /** (value − previous) / |previous|; null when previous is zero or unknown */
  relativeChange: number | null;
  /** good news by the metric's direction; null when flat, neutral or unknown */
  improved: boolean | null;
};

export type CampaignLine = {
  id: string;
  name: string;
  status: string | null;
  /** every money figure of the row is in it */
  currency: string | null;
  figures: Figure[];
};

export type RefLinkLine = {
  source: string;
  ref: string;
  figures: Figure[];
  revenue: { currency: string; value: number }[];
};

export type BlockRateWarning = {
  level: 'critical' | 'warning';
  subject: 'page' | 'campaign' | 'ref';
  id: string;
  name: string;
  newContacts: number;
  blocked: number;
  blockRate: number;
};

export type PolicyEvent = {
  pageId: string;
  pageName: string | null;
  time: string;
  action: string;
  reason: string | null;
};

export type ReconciliationSummary = {
  metaConversationsStarted: number;
  observedNewContacts: number;
  observedReengaged: number;
  gap: number;
  causes: { cause: string; contacts: number | null; explanation: string }[];
};

export type DailyLine = { day: string; newContacts: number; conversions: number; spend: Record<string, number> };

/**
 * Everything a report says, as generated: stored as JSON, and every format (PDF, XLSX, CSV) and the
 * preview are drawn from it, so a download always equals what was generated.
 */
export type ReportContent = {
  version: 1;
  workspace: { slug: string; name: string; timeZone: string };
  kind: ReportKind;
  /** the ISO week of a weekly report, e.g. 2026-W47 */
  week: string | null;
  range: DayRange;
  comparison: DayRange;
  generatedAt: string;
  /** how fresh the data was at generation: the last successful ads sync and the last webhook */
  freshness: { lastSyncAt: string | null; lastWebhookAt: string | null };
  /** the currencies money figures are in, each apart: never summed across currencies */
  currencies: string[];
  headline: { observed: Figure[]; byCurrency: { currency: string; figures: Figure[] }[] };
  campaigns: CampaignLine[];
  refLinks: { top: RefLinkLine[]; bottom: RefLinkLine[] };
  warnings: {
    threshold: number;
    minContacts: number;
    blockRate: BlockRateWarning[];
    policy: PolicyEvent[];
  };
  reconciliation: ReconciliationSummary;
  daily: DailyLine[];
};
