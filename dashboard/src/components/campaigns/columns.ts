import type { AdLevel, AdRow } from '../../data/campaigns/ad-rows-query';
import type { ReachStatus } from '../../data/overview/overview-query';
import { formatCount, formatValue, NONE, type Unit } from '../../lib/number-format';

/** The metric columns of the table, by libs/metrics id: each is sortable by the API. */
export const COLUMNS: { metric: string; label: string; unit: Unit }[] = [
  { metric: 'spend', label: 'Spend', unit: 'money' },
  { metric: 'newContacts', label: 'New contacts', unit: 'count' },
  { metric: 'costPerNewContact', label: 'Cost per new contact', unit: 'money' },
  { metric: 'conversionRate', label: 'Conversion rate', unit: 'ratio' },
  { metric: 'blockRate', label: 'Block rate', unit: 'ratio' },
  { metric: 'roas', label: 'ROAS', unit: 'multiple' },
  { metric: 'conversationsStarted', label: 'Conversations started (Meta)', unit: 'count' },
];

/** What the API sorts by when the URL names nothing. */
export const DEFAULT_SORT = 'spend';

export const LEVEL_WORDS: Record<AdLevel, { title: string; one: string; many: string }> = {
  campaign: { title: 'Campaign', one: 'campaign', many: 'campaigns' },
  adset: { title: 'Ad set', one: 'ad set', many: 'ad sets' },
  ad: { title: 'Ad', one: 'ad', many: 'ads' },
};

/** A figure of a row in its unit; money in the row's own currency (an object not synced yet has none). */
export function cellValue(row: AdRow, metric: string, unit: Unit): string {
  const value = row.metrics[metric]?.value ?? null;
  if (unit === 'money' && !row.currency) return value === null ? NONE : formatCount(value);
  return formatValue(value, unit, row.currency ?? undefined);
}

const REACH_WORDS: Record<Exclude<ReachStatus, 'ready'>, string> = {
  pending: 'Being fetched from Meta',
  unavailable: 'Not available: no connected ad account',
};

/** Reach and frequency in words: Meta gives them per campaign, ad set and ad, once per range. */
export function reachText(row: AdRow, locale?: string): string {
  const { value, frequency, status } = row.reach;
  if (status !== 'ready') return REACH_WORDS[status];
  if (value === null) return NONE;
  const perPerson =
    frequency === null
      ? ''
      : ` · ${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(frequency)} per person`;
  return `${formatCount(value, locale)}${perPerson}`;
}

export const rowName = (row: { id: string; name: string | null }) => row.name ?? `Not synced yet (${row.id})`;
