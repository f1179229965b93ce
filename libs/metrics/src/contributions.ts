/**
 * What one contact adds to the daily rollups of observed figures: the rows the metrics API sums.
 * A contact's rows are derived from its current state alone, so maintaining the rollups is a matter
 * of replacing a contact's old rows by its new ones (rollupDelta), whatever changed it: a new
 * event, a late ad, a conversion credited elsewhere, a block, a rule recomputed.
 */

/** Where figures are filed: the day in the workspace's time zone, the page, and the touch's source, ad and ref. */
export type RollupKey = {
  day: string;
  pageId: string;
  source: string;
  /** '' when none */
  adId: string;
  /** '' when none */
  ref: string;
  /** the currency of `revenue`; '' on rows without revenue */
  currency: string;
};

export type RollupCounts = {
  newContacts: number;
  repliedNewContacts: number;
  convertedNewContacts: number;
  unreachableNewContacts: number;
  reengagedContacts: number;
  conversions: number;
  revenue: number;
};

export type RollupRow = RollupKey & RollupCounts;

type Attribution = { source: string; adId?: string | null; ref?: string | null };

export type ContactFacts = {
  pageId: string;
  firstSeenAt: number;
  firstTouch: Attribution;
  inboundMessages: number;
  reachability: 'unknown' | 'reachable' | 'unreachable';
  /** referrals into the thread after it opened */
  reengagements: (Attribution & { time: number })[];
  conversions: { time: number; value?: number | null; currency?: string | null; credited: Attribution | null }[];
};

/** Conversions the attribution model credited to no touch (outside the window) are filed under this source. */
export const UNCREDITED = 'UNCREDITED';

const COUNTS: (keyof RollupCounts)[] = [
  'newContacts',
  'repliedNewContacts',
  'convertedNewContacts',
  'unreachableNewContacts',
  'reengagedContacts',
  'conversions',
  'revenue',
];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(timeZone: string, time: number): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(time);
}

export function rollupKeyId(k: RollupKey): string {
  return [k.day, k.pageId, k.source, k.adId, k.ref, k.currency].join('\u0000');
}

/** The rows one contact adds; none for no contact. */
export function contributions(facts: ContactFacts | null, timeZone: string): RollupRow[] {
  if (!facts) return [];
  const rows = new Map<string, RollupRow>();
  const add = (time: number, at: Attribution, currency: string, counts: Partial<RollupCounts>) => {
    const key: RollupKey = {
      day: dayIn(timeZone, time),
      pageId: facts.pageId,
      source: at.source,
      adId: at.adId ?? '',
      ref: at.ref ?? '',
      currency,
    };
    const id = rollupKeyId(key);
    const row = rows.get(id) ?? { ...key, ...zero() };
    for (const name of COUNTS) row[name] += counts[name] ?? 0;
    rows.set(id, row);
  };
  add(facts.firstSeenAt, facts.firstTouch, '', {
    newContacts: 1,
    repliedNewContacts: facts.inboundMessages >= 2 ? 1 : 0,
    convertedNewContacts: facts.conversions.length > 0 ? 1 : 0,
    unreachableNewContacts: facts.reachability === 'unreachable' ? 1 : 0,
  });
  for (const r of facts.reengagements) add(r.time, r, '', { reengagedContacts: 1 });
  for (const c of facts.conversions) {
    const hasValue = c.value !== undefined && c.value !== null && !!c.currency;
    add(c.time, c.credited ?? { source: UNCREDITED }, hasValue ? c.currency! : '', {
      conversions: 1,
      revenue: hasValue ? c.value! : 0,
    });
  }
  return [...rows.values()];
}

/** What to add to the rollups when a contact's rows go from `before` to `after`; rows that do not change are left out. */
export function rollupDelta(before: RollupRow[], after: RollupRow[]): RollupRow[] {
  const delta = new Map<string, RollupRow>();
  const apply = (rows: RollupRow[], sign: 1 | -1) => {
    for (const row of rows) {
      const id = rollupKeyId(row);
      const d = delta.get(id) ?? { ...row, ...zero() };
      for (const name of COUNTS) d[name] += sign * row[name];
      delta.set(id, d);
    }
  };
  apply(after, 1);
  apply(before, -1);
  return [...delta.values()].filter((d) => COUNTS.some((name) => Math.abs(d[name]) > 1e-9));
}

function zero(): RollupCounts {
  return {
    newContacts: 0,
    repliedNewContacts: 0,
    convertedNewContacts: 0,
    unreachableNewContacts: 0,
    reengagedContacts: 0,
    conversions: 0,
    revenue: 0,
  };
}
