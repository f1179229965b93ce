import type { RefLink } from '../../data/links/links-query';
import type { Compared } from '../../data/overview/overview-query';
import type { RefLinksReport } from '../../data/ref-links/ref-links-query';
import { addDays, rangeDays, type DayRange } from '../../lib/date-range';

/** The figures a leaderboard row shows, in this order. */
export const COLUMNS = ['newContacts', 'conversions', 'conversionRate', 'blockRate'] as const;
export type SortKey = (typeof COLUMNS)[number] | 'ref';
export const DEFAULT_SORT: SortKey = 'newContacts';

export type TrendDay = { day: string; newContacts: number; conversions: number };

export type LeaderRow = {
  /** page, source and ref: unique */
  key: string;
  pageId: string;
  source: string | null;
  ref: string;
  /** the registered link of this page and ref, if any */
  link: RefLink | null;
  metrics: Record<string, Compared>;
  trend: TrendDay[];
};

const zero = (comparison: boolean, value: number | null): Compared => ({
  value,
  previous: comparison ? value : null,
  change: comparison && value !== null ? 0 : null,
  relativeChange: null,
  improved: null,
});

/** Every day of the range, with nothing on it. */
export function emptyTrend(range: DayRange): TrendDay[] {
  return Array.from({ length: rangeDays(range) }, (_, i) => ({
    day: addDays(range.from, i),
    newContacts: 0,
    conversions: 0,
  }));
}

/**
 * The rows of each page's ref-links report, each with its registered link (same page and ref), then
 * the registered links nobody has come through yet, with zeros: a new poster shows before its first scan.
 */
export function joinLinks(
  reports: { pageId: string; report: RefLinksReport }[],
  links: RefLink[],
  range: DayRange,
  comparison: boolean,
): LeaderRow[] {
  const byPageRef = new Map(links.map((l) => [`${l.pageId}\u0000${l.ref}`, l]));
  const seen = new Set<string>();
  const rows: LeaderRow[] = reports.flatMap(({ pageId, report }) =>
    report.rows.map((r) => {
      const id = `${pageId}\u0000${r.ref}`;
      seen.add(id);
      return {
        key: `${pageId}\u0000${r.source}\u0000${r.ref}`,
        pageId,
        source: r.source,
        ref: r.ref,
        link: byPageRef.get(id) ?? null,
        metrics: r.metrics,
        trend: r.trend,
      };
    }),
  );
  for (const link of links) {
    if (seen.has(`${link.pageId}\u0000${link.ref}`)) continue;
    rows.push({
      key: `${link.pageId}\u0000\u0000${link.ref}`,
      pageId: link.pageId,
      source: null,
      ref: link.ref,
      link,
      metrics: {
        newContacts: zero(comparison, 0),
        conversions: zero(comparison, 0),
        conversionRate: zero(comparison, null),
        blockRate: zero(comparison, null),
      },
      trend: emptyTrend(range),
    });
  }
  return rows;
}

/** Rows by a figure (missing values last, whatever the order) or by ref; ties by ref, then page. */
export function sortRows(rows: LeaderRow[], key: SortKey, order: 'asc' | 'desc'): LeaderRow[] {
  const sign = order === 'asc' ? 1 : -1;
  const byRef = (a: LeaderRow, b: LeaderRow) => a.ref.localeCompare(b.ref) || a.pageId.localeCompare(b.pageId);
  return [...rows].sort((a, b) => {
    if (key === 'ref') return sign * byRef(a, b);
    const x = a.metrics[key]?.value ?? null;
    const y = b.metrics[key]?.value ?? null;
    if (x === null || y === null) return x === y ? byRef(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byRef(a, b);
  });
}

/** Rows whose ref, label or campaign tag contains the search, ignoring case. */
export function searchRows(rows: LeaderRow[], search: string): LeaderRow[] {
  const q = search.trim().toLowerCase();
  if (!q) return rows;
  return rows.filter((r) =>
    [r.ref, r.link?.label, r.link?.campaignTag].some((text) => text?.toLowerCase().includes(q)),
  );
}

export const isSortKey = (value: string | null): value is SortKey =>
  value === 'ref' || (COLUMNS as readonly string[]).includes(value ?? '');

/** What a referral source is, in words. */
export function sourceLabel(source: string | null): string {
  if (source === null) return 'No visits yet';
  if (source === 'SHORTLINK') return 'm.me link or QR code';
  if (source === 'CUSTOMER_CHAT_PLUGIN') return 'Chat plugin';
  return source;
}
