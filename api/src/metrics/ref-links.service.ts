import { Injectable } from '@nestjs/common';
import {
  addTotals,
  compare,
  daysOf,
  emptyTotals,
  metric,
  twoProportionTest,
  type Compared,
  type DayRange,
  type MetricId,
  type ProportionTest,
  type Totals,
} from '@ctm/metrics';
import type { FiguresQuery } from './dto/figures-query.dto.js';
import { MetricsRepository, type RefTotalsRow } from './metrics.repository.js';

/** The figures a ref-link row carries, in this order. */
export const REF_LINK_METRICS: MetricId[] = [
  'newContacts',
  'reengagedContacts',
  'replyRate',
  'conversions',
  'conversionRate',
  'blocks',
  'blockRate',
  'medianFirstResponse',
];

export type RefLinkRow = {
  source: string;
  ref: string;
  metrics: Record<string, Compared>;
  /** revenue per currency: never summed across currencies */
  revenue: { currency: string; value: number; previous: number | null }[];
  /** is the change against the comparison period real, or noise? (two-proportion test) */
  significance: { conversionRate: ProportionTest | null; blockRate: ProportionTest | null } | null;
  trend: { day: string; newContacts: number; conversions: number }[];
};

export type RefLinksReport = {
  range: DayRange;
  comparison: DayRange | null;
  /** observed figures are filed by day in the workspace's time zone */
  timeZone: string;
  metrics: { id: MetricId; label: string; unit: string; better: string }[];
  rows: RefLinkRow[];
};

/** GET /api/ref-links: one row per ref (m.me link, QR code, chat-plugin ref), from the daily rollups. */
@Injectable()
export class RefLinksService {
  constructor(private readonly repo: MetricsRepository) {}

  async report(workspaceId: string, query: FiguresQuery): Promise<RefLinksReport> {
    const filters = query.filters ?? {};
    await this.repo.checkFilters(workspaceId, filters);
    const [timeZone, current, previous, days, responses, responsesBefore] = await Promise.all([
      this.repo.timeZone(workspaceId),
      this.repo.refTotals(workspaceId, query.range, filters),
      query.comparison ? this.repo.refTotals(workspaceId, query.comparison, filters) : Promise.resolve(null),
      this.repo.refDays(workspaceId, query.range, filters),
      this.repo.responseTotals(workspaceId, query.range, filters, true),
      query.comparison ? this.repo.responseTotals(workspaceId, query.comparison, filters, true) : Promise.resolve(null),
    ]);
    const now = byRef(current, responses);
    const before = previous ? byRef(previous, responsesBefore!) : null;
    const trends = new Map<string, Map<string, { newContacts: number; conversions: number }>>();
    for (const d of days) {
      const key = refKey(d);
      const trend = trends.get(key) ?? new Map();
      trend.set(d.day, { newContacts: d.newContacts, conversions: d.conversions });
      trends.set(key, trend);
    }
    const rangeDays = daysOf(query.range); // once: formatting a year of days per row is most of the answer's time
    const rows: RefLinkRow[] = [...now.values()].map((r) => {
      const was = before?.get(refKey(r));
      const wasTotals = was?.totals ?? (before ? emptyTotals() : null);
      const trend = trends.get(refKey(r));
      return {
        source: r.source,
        ref: r.ref,
        metrics: Object.fromEntries(
          REF_LINK_METRICS.map((id) => {
            const m = metric(id);
            return [id, compare(m.value(r.totals), wasTotals ? m.value(wasTotals) : null, m.better)];
          }),
        ),
        revenue: [...r.revenue].map(([currency, value]) => ({
          currency,
          value,
          previous: before ? (was?.revenue.get(currency) ?? 0) : null,
        })),
        significance: wasTotals
          ? {
              conversionRate: twoProportionTest(
                { successes: r.totals.convertedNewContacts, trials: r.totals.newContacts },
                { successes: wasTotals.convertedNewContacts, trials: wasTotals.newContacts },
              ),
              blockRate: twoProportionTest(
                { successes: r.totals.unreachableNewContacts, trials: r.totals.newContacts },
                { successes: wasTotals.unreachableNewContacts, trials: wasTotals.newContacts },
              ),
            }
          : null,
        trend: rangeDays.map((day) => ({ day, ...(trend?.get(day) ?? { newContacts: 0, conversions: 0 }) })),
      };
    });
    rows.sort(bySort(query.sort, query.order));
    return {
      range: query.range,
      comparison: query.comparison,
      timeZone,
      metrics: REF_LINK_METRICS.map((id) => {
        const m = metric(id);
        return { id, label: m.label, unit: m.unit, better: m.better };
      }),
      rows,
    };
  }
}

type RefFigures = { source: string; ref: string; totals: Totals; revenue: Map<string, number> };

const refKey = (r: { source: string; ref: string }) => `${r.source}\u0000${r.ref}`;

/** Each ref's figures, with its first-response histogram (kept apart from the rollup rows: see response_daily). */
function byRef(rows: RefTotalsRow[], responses: Map<string, Partial<Totals>>): Map<string, RefFigures> {
  const out = new Map<string, RefFigures>();
  for (const row of rows) {
    const entry = out.get(refKey(row)) ?? {
      source: row.source,
      ref: row.ref,
      totals: emptyTotals(),
      revenue: new Map(),
    };
    entry.totals = addTotals(entry.totals, { ...row.totals, revenue: 0 });
    if (row.currency && row.totals.revenue)
      entry.revenue.set(row.currency, (entry.revenue.get(row.currency) ?? 0) + row.totals.revenue);
    out.set(refKey(row), entry);
  }
  for (const [key, entry] of out) entry.totals = addTotals(entry.totals, responses.get(key) ?? {});
  return out;
}

/** By a metric's value, missing values last whatever the order; ties by ref. */
function bySort(id: MetricId, order: 'asc' | 'desc') {
  return (a: RefLinkRow, b: RefLinkRow): number => {
    const x = a.metrics[id]?.value ?? null;
    const y = b.metrics[id]?.value ?? null;
    if (x === null || y === null) return x === y ? a.ref.localeCompare(b.ref) : x === null ? 1 : -1;
    return (order === 'asc' ? x - y : y - x) || a.ref.localeCompare(b.ref);
  };
}
