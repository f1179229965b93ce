import type { AdRow } from '../../data/campaigns/ad-rows-query';
import { FUNNEL_STAGES, type Funnel, type FunnelStage } from '../../data/funnel/funnel-query';
import type { Timeseries } from '../../data/timeseries/timeseries-query';
import { rowName } from './columns';

// picked campaigns become series c0…c4: their colour is their place in the pick, the same in every chart
export type SeriesKey = `c${number}`;
export const seriesKey = (i: number): SeriesKey => `c${i}`;
export const seriesOf = (picked: AdRow[]) =>
  picked.map((row, i) => ({ key: seriesKey(i), label: rowName(row), colour: i }));

export const STAGE_LABELS: Record<FunnelStage, string> = {
  clicks: 'Clicks',
  conversationsStarted: 'Conversations (Meta)',
  newContacts: 'New contacts',
  replied: 'Replied',
  converted: 'Converted',
};

/** New contacts per day of each picked campaign; the API answers for every campaign, so filter here. */
export function trendData(picked: AdRow[], series: Timeseries) {
  const byGroup = new Map(series.series.map((s) => [s.group, new Map(s.points.map((p) => [p.period, p.value]))]));
  return series.periods.map((period) => {
    const point: { x: string } & Record<SeriesKey, number> = { x: period };
    picked.forEach((row, i) => (point[seriesKey(i)] = byGroup.get(row.id)?.get(period) ?? 0));
    return point;
  });
}

/** Each funnel stage's count per picked campaign (null where Meta or the campaign has none). */
export function funnelData(picked: AdRow[], funnel: Funnel) {
  const rows = new Map(funnel.rows.map((r) => [r.key, r]));
  return FUNNEL_STAGES.map((stage) => {
    const point: { x: string } & Record<SeriesKey, number | null> = { x: STAGE_LABELS[stage] };
    picked.forEach((row, i) => (point[seriesKey(i)] = rows.get(row.id)?.stages[stage] ?? null));
    return point;
  });
}

export type Placed = { row: AdRow; index: number };
export const placed = (picked: AdRow[]): Placed[] => picked.map((row, index) => ({ row, index }));

/** One bar group per metric, a bar per campaign keyed by its place in the pick. */
export function metricData(rows: Placed[], metrics: { id: string; label: string }[]) {
  return metrics.map(({ id, label }) => {
    const point: { x: string } & Record<SeriesKey, number | null> = { x: label };
    for (const { row, index } of rows) point[seriesKey(index)] = row.metrics[id]?.value ?? null;
    return point;
  });
}

/** The picked campaigns by currency, each with its place in the pick: money is never compared across currencies. */
export function byCurrency(picked: AdRow[]): { currency: string; rows: Placed[] }[] {
  const groups = new Map<string, Placed[]>();
  for (const entry of placed(picked)) {
    const currency = entry.row.currency ?? 'no currency';
    groups.set(currency, [...(groups.get(currency) ?? []), entry]);
  }
  return [...groups].map(([currency, rows]) => ({ currency, rows }));
}
