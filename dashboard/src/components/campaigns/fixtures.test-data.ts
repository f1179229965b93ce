import type { AdLevel, AdRow, AdRowsReport } from '../../data/campaigns/ad-rows-query';
import type { Compared } from '../../data/overview/overview-query';

export const fig = (
  value: number | null,
  previous: number | null = null,
  improved: boolean | null = null,
): Compared => ({
  value,
  previous,
  change: value !== null && previous !== null ? value - previous : null,
  relativeChange: value !== null && previous ? (value - previous) / previous : null,
  improved,
});

/** A row whose rates come from whole people, as the API's do. */
export function adRow(
  id: string,
  name: string,
  { newContacts = 200, converted = 10, blocked = 2, spend = 100, currency = 'EUR', level = 'campaign' as AdLevel } = {},
): AdRow {
  return {
    id,
    name,
    level,
    status: 'ACTIVE',
    currency,
    metrics: {
      spend: fig(spend),
      newContacts: fig(newContacts),
      costPerNewContact: fig(newContacts ? spend / newContacts : null),
      conversionRate: fig(newContacts ? converted / newContacts : null),
      blockRate: fig(newContacts ? blocked / newContacts : null),
      roas: fig(2),
      conversationsStarted: fig(newContacts + 20),
    },
    significance: null,
    reach:
      level === 'campaign'
        ? { value: 12_000, frequency: 1.5, status: 'ready' }
        : { value: 3_000, frequency: 1.25, status: 'ready' },
  };
}

export const report = (rows: AdRow[], over: Partial<AdRowsReport> = {}): AdRowsReport => ({
  level: rows[0]?.level ?? 'campaign',
  parent: null,
  range: { from: '2025-03-04', to: '2025-03-10' },
  comparison: null,
  timeZones: { messenger: 'Europe/Madrid', ads: "each ad account's own, as Meta reports" },
  rows,
  ...over,
});
