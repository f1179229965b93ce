import { blockRateVerdict, metric, type Compared, type DayRange, type MetricId } from '@ctm/metrics';
import {
  CAMPAIGN_METRICS,
  HEADLINE_CURRENCY,
  HEADLINE_OBSERVED,
  REF_LINK_METRICS,
  REF_LINKS_LISTED,
  type BlockRateWarning,
  type DailyLine,
  type Figure,
  type PolicyEvent,
  type ReconciliationSummary,
  type RefLinkLine,
  type ReportContent,
  type ReportKind,
} from './content.js';

/** What the metrics and alerts services answered for a report's range (their shapes, as much as a report reads). */
export type ReportSources = {
  workspace: ReportContent['workspace'];
  kind: ReportKind;
  week: string | null;
  range: DayRange;
  comparison: DayRange;
  generatedAt: string;
  freshness: ReportContent['freshness'];
  overview: {
    observed: Record<string, Compared>;
    byCurrency: { currency: string; metrics: Record<string, Compared> }[];
    series: DailyLine[];
  };
  campaigns: {
    id: string;
    name: string | null;
    status: string | null;
    currency: string | null;
    metrics: Record<string, Compared>;
  }[];
  refLinks: {
    source: string;
    ref: string;
    metrics: Record<string, Compared>;
    revenue: { currency: string; value: number }[];
  }[];
  blockCounts: {
    by: BlockRateWarning['subject'];
    rows: { id: string; name: string | null; newContacts: number; blocked: number }[];
  }[];
  blockRateSettings: { threshold: number; minContacts: number };
  policy: PolicyEvent[];
  reconciliation: Omit<ReconciliationSummary, 'causes'> & { causes: ReconciliationSummary['causes'] };
};

/** A metric's figure from a service's compared value; a metric the service did not give is null. */
export function figure(id: MetricId, compared: Compared | undefined): Figure {
  const m = metric(id);
  return {
    id,
    label: m.label,
    unit: m.unit,
    value: compared?.value ?? null,
    previous: compared?.previous ?? null,
    relativeChange: compared?.relativeChange ?? null,
    improved: compared?.improved ?? null,
  };
}

const figures = (ids: MetricId[], metrics: Record<string, Compared>): Figure[] =>
  ids.map((id) => figure(id, metrics[id]));

/** The report's content, from the services' answers: picks, orders and labels; computes no figure of its own. */
export function assembleReport(s: ReportSources): ReportContent {
  const currencies = [...new Set(s.overview.byCurrency.map((c) => c.currency))].sort();
  return {
    version: 1,
    workspace: s.workspace,
    kind: s.kind,
    week: s.week,
    range: s.range,
    comparison: s.comparison,
    generatedAt: s.generatedAt,
    freshness: s.freshness,
    currencies,
    headline: {
      observed: figures(HEADLINE_OBSERVED, s.overview.observed),
      byCurrency: s.overview.byCurrency.map((c) => ({
        currency: c.currency,
        figures: figures(HEADLINE_CURRENCY, c.metrics),
      })),
    },
    campaigns: s.campaigns.map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      status: c.status,
      currency: c.currency,
      figures: figures(CAMPAIGN_METRICS, c.metrics),
    })),
    refLinks: topAndBottom(s.refLinks),
    warnings: {
      ...s.blockRateSettings,
      blockRate: blockRateWarnings(s.blockCounts, s.blockRateSettings),
      policy: [...s.policy].sort((a, b) => a.time.localeCompare(b.time)),
    },
    reconciliation: {
      metaConversationsStarted: s.reconciliation.metaConversationsStarted,
      observedNewContacts: s.reconciliation.observedNewContacts,
      observedReengaged: s.reconciliation.observedReengaged,
      gap: s.reconciliation.gap,
      causes: s.reconciliation.causes.map((c) => ({
        cause: c.cause,
        contacts: c.contacts,
        explanation: c.explanation,
      })),
    },
    daily: s.overview.series.map((d) => ({ ...d, spend: { ...d.spend } })),
  };
}

/**
 * The ref links that brought the most new contacts, and those that brought the fewest (a link that
 * dried up since the comparison period shows there); a link is in one list at most.
 */
export function topAndBottom(rows: ReportSources['refLinks']): { top: RefLinkLine[]; bottom: RefLinkLine[] } {
  const value = (r: ReportSources['refLinks'][number]) => r.metrics['newContacts']?.value ?? 0;
  const byRef = (a: { source: string; ref: string }, b: { source: string; ref: string }) =>
    a.ref.localeCompare(b.ref) || a.source.localeCompare(b.source);
  const sorted = [...rows].sort((a, b) => value(b) - value(a) || byRef(a, b));
  const top = sorted.slice(0, REF_LINKS_LISTED);
  const bottom = sorted
    .slice(REF_LINKS_LISTED)
    .sort((a, b) => value(a) - value(b) || byRef(a, b))
    .slice(0, REF_LINKS_LISTED);
  const line = (r: ReportSources['refLinks'][number]): RefLinkLine => ({
    source: r.source,
    ref: r.ref,
    figures: figures(REF_LINK_METRICS, r.metrics),
    revenue: r.revenue.map((v) => ({ currency: v.currency, value: v.value })),
  });
  return { top: top.map(line), bottom: bottom.map(line) };
}

/** Pages, campaigns and refs whose block rate over the report's days is over the workspace's threshold; worst first. */
export function blockRateWarnings(
  counts: ReportSources['blockCounts'],
  { threshold, minContacts }: ReportSources['blockRateSettings'],
): BlockRateWarning[] {
  const warnings: BlockRateWarning[] = [];
  for (const { by, rows } of counts)
    for (const row of rows) {
      const verdict = blockRateVerdict(row.newContacts, row.blocked, threshold, minContacts);
      if (!verdict) continue;
      warnings.push({
        level: verdict.level,
        subject: by,
        id: row.id,
        name: row.name ?? row.id,
        newContacts: row.newContacts,
        blocked: row.blocked,
        blockRate: verdict.rate,
      });
    }
  const rank = { critical: 0, warning: 1 };
  return warnings.sort(
    (a, b) => rank[a.level] - rank[b.level] || b.blockRate - a.blockRate || a.id.localeCompare(b.id),
  );
}
