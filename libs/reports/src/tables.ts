import type { MetricUnit } from '@ctm/metrics';
import { CAMPAIGN_METRICS, REF_LINK_METRICS, type Figure, type RefLinkLine, type ReportContent } from './content.js';
import type { CellUnit } from './format.js';
import { metric } from '@ctm/metrics';

export type Cell = string | number | null;

export type Column = {
  key: string;
  label: string;
  unit: CellUnit;
  /** money in a fixed currency (a daily spend column) */
  currency?: string;
  /** money in the currency named by this key of the row (a campaign's own) */
  currencyKey?: string;
  /** the unit named by this key of the row (the headline table mixes units) */
  unitKey?: string;
};

/** One table of a report: a sheet of the XLSX, a file of the CSV zip, a paginated table of the PDF. */
export type ReportTable = { id: string; title: string; columns: Column[]; rows: Record<string, Cell>[] };

/** The tables of a report, in the order every format lists them. */
export function reportTables(c: ReportContent): ReportTable[] {
  return [
    headlineTable(c),
    campaignTable(c),
    refLinkTable('top_ref_links', 'Top ref links', c.refLinks.top),
    refLinkTable('bottom_ref_links', 'Bottom ref links', c.refLinks.bottom),
    blockRateTable(c),
    policyTable(c),
    reconciliationTable(c),
    causesTable(c),
    dailyTable(c),
  ];
}

/** A cell's unit and currency, as its column says or as its row names them. */
export function cellUnit(column: Column, row: Record<string, Cell>): { unit: CellUnit; currency: string | null } {
  const unit = column.unitKey ? ((row[column.unitKey] as CellUnit | null) ?? 'text') : column.unit;
  const named = column.currencyKey ? (row[column.currencyKey] as string | null) : null;
  return { unit, currency: column.currency ?? (named || null) };
}

const metricColumn = (id: (typeof CAMPAIGN_METRICS)[number], extra: Partial<Column> = {}): Column => ({
  key: id,
  label: metric(id).label,
  unit: metric(id).unit,
  ...extra,
});

const values = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.id, f.value]));

function headlineTable(c: ReportContent): ReportTable {
  const line = (f: Figure, currency: string) => ({
    figure: f.label,
    currency,
    unit: f.unit,
    value: f.value,
    previous: f.previous,
    change: f.relativeChange,
  });
  return {
    id: 'summary',
    title: 'Headline figures',
    columns: [
      { key: 'figure', label: 'Figure', unit: 'text' },
      { key: 'currency', label: 'Currency', unit: 'text' },
      { key: 'unit', label: 'Unit', unit: 'text' },
      { key: 'value', label: 'This period', unit: 'count', unitKey: 'unit', currencyKey: 'currency' },
      { key: 'previous', label: 'Previous period', unit: 'count', unitKey: 'unit', currencyKey: 'currency' },
      { key: 'change', label: 'Change', unit: 'ratio' },
    ],
    rows: [
      ...c.headline.observed.map((f) => line(f, '')),
      ...c.headline.byCurrency.flatMap((g) => g.figures.map((f) => line(f, g.currency))),
    ],
  };
}

function campaignTable(c: ReportContent): ReportTable {
  return {
    id: 'campaigns',
    title: 'Campaigns',
    columns: [
      { key: 'campaign', label: 'Campaign', unit: 'text' },
      { key: 'status', label: 'Status', unit: 'text' },
      { key: 'currency', label: 'Currency', unit: 'text' },
      ...CAMPAIGN_METRICS.map((id) => metricColumn(id, metric(id).unit === 'money' ? { currencyKey: 'currency' } : {})),
    ],
    rows: c.campaigns.map((r) => ({ campaign: r.name, status: r.status, currency: r.currency, ...values(r.figures) })),
  };
}

function refLinkTable(id: string, title: string, lines: RefLinkLine[]): ReportTable {
  return {
    id,
    title,
    columns: [
      { key: 'source', label: 'Source', unit: 'text' },
      { key: 'ref', label: 'Ref', unit: 'text' },
      ...REF_LINK_METRICS.map((m) => metricColumn(m)),
      { key: 'previousNewContacts', label: 'New contacts, previous period', unit: 'count' },
    ],
    rows: lines.map((r) => ({
      source: r.source,
      ref: r.ref,
      ...values(r.figures),
      previousNewContacts: r.figures.find((f) => f.id === 'newContacts')?.previous ?? null,
    })),
  };
}

function blockRateTable(c: ReportContent): ReportTable {
  return {
    id: 'block_rate_warnings',
    title: `Block-rate warnings (over ${(c.warnings.threshold * 100).toFixed(1)}%, at least ${c.warnings.minContacts} new contacts)`,
    columns: [
      { key: 'level', label: 'Level', unit: 'text' },
      { key: 'subject', label: 'Of', unit: 'text' },
      { key: 'name', label: 'Name', unit: 'text' },
      { key: 'newContacts', label: 'New contacts', unit: 'count' },
      { key: 'blocked', label: 'Blocked', unit: 'count' },
      { key: 'blockRate', label: 'Block rate', unit: 'ratio' },
    ],
    rows: c.warnings.blockRate.map((w) => ({ ...w })),
  };
}

function policyTable(c: ReportContent): ReportTable {
  return {
    id: 'policy_enforcement',
    title: 'Policy enforcement events',
    columns: [
      { key: 'page', label: 'Page', unit: 'text' },
      { key: 'time', label: 'Time (UTC)', unit: 'datetime' },
      { key: 'action', label: 'Action', unit: 'text' },
      { key: 'reason', label: 'Reason', unit: 'text' },
    ],
    rows: c.warnings.policy.map((p) => ({
      page: p.pageName ?? p.pageId,
      time: p.time,
      action: p.action,
      reason: p.reason,
    })),
  };
}

function reconciliationTable(c: ReportContent): ReportTable {
  const r = c.reconciliation;
  const rows: [string, number][] = [
    ['Conversations started (Meta)', r.metaConversationsStarted],
    ['New contacts from ads (observed)', r.observedNewContacts],
    ['Re-engaged contacts from ads (observed)', r.observedReengaged],
    ['Gap (Meta minus observed)', r.gap],
  ];
  return {
    id: 'reconciliation',
    title: 'Reconciliation: Meta against observed',
    columns: [
      { key: 'figure', label: 'Figure', unit: 'text' },
      { key: 'count', label: 'Count', unit: 'count' },
    ],
    rows: rows.map(([figure, count]) => ({ figure, count })),
  };
}

function causesTable(c: ReportContent): ReportTable {
  return {
    id: 'reconciliation_causes',
    title: 'Likely causes of the gap',
    columns: [
      { key: 'cause', label: 'Cause', unit: 'text' },
      { key: 'contacts', label: 'Contacts', unit: 'count' },
      { key: 'explanation', label: 'Explanation', unit: 'text' },
    ],
    rows: c.reconciliation.causes.map((x) => ({ ...x })),
  };
}

function dailyTable(c: ReportContent): ReportTable {
  const money: MetricUnit = 'money';
  return {
    id: 'daily',
    title: 'Day by day',
    columns: [
      { key: 'day', label: 'Day', unit: 'day' },
      { key: 'newContacts', label: 'New contacts', unit: 'count' },
      { key: 'conversions', label: 'Conversions', unit: 'count' },
      ...c.currencies.map((cur) => ({ key: `spend_${cur}`, label: `Spend (${cur})`, unit: money, currency: cur })),
    ],
    rows: c.daily.map((d) => ({
      day: d.day,
      newContacts: d.newContacts,
      conversions: d.conversions,
      ...Object.fromEntries(c.currencies.map((cur) => [`spend_${cur}`, d.spend[cur] ?? 0])),
    })),
  };
}
