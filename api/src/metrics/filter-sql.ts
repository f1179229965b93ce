import type { DayRange } from '@ctm/metrics';
import type { Filters } from './dto/filters.dto.js';

/** Positional parameters for one query: `p.add(value)` gives its placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(...initial: unknown[]) {
    this.values.push(...initial);
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A QR code is an m.me link: old printed codes still send MESSENGER_CODE, kept verbatim in the rollups. */
export const refSource = (column: string) =>
  `CASE WHEN ${column} = 'MESSENGER_CODE' THEN 'SHORTLINK' ELSE ${column} END`;

export const hasAdFilter = (f: Filters) => !!(f.account || f.campaign || f.adset || f.ad);

/**
 * Whether Meta's figures (spend, impressions, its counts) apply to the slice: they are reported per
 * ad, so a slice of contacts by page, ref or a source other than ads has none.
 */
export const deliveryApplies = (f: Filters) => !f.page && !f.ref && (!f.source || f.source === 'ADS');

/**
 * The conditions the ad filters put on an ad id column: the ad itself, or the ads under an
 * account, campaign or ad set (through the synced structure).
 */
export function adIdCondition(column: string, f: Filters, p: SqlParams, workspace = '$1'): string {
  if (!hasAdFilter(f)) return '';
  const under: string[] = [];
  if (f.account) under.push(`x.account_id = ${p.add(f.account)}`);
  if (f.campaign) under.push(`x.campaign_id = ${p.add(f.campaign)}`);
  if (f.adset) under.push(`x.adset_id = ${p.add(f.adset)}`);
  if (f.ad) under.push(`x.id = ${p.add(f.ad)}`);
  return ` AND ${column} IN (SELECT x.id FROM ad_object x WHERE x.workspace_id = ${workspace} AND x.level = 'ad' AND ${under.join(' AND ')})`;
}

/** The contact filters on an observed rollup aliased `o` (page, source, ref). */
export function contactConditions(f: Filters, p: SqlParams, alias = 'o'): string {
  let sql = '';
  if (f.page) sql += ` AND ${alias}.page_id = ${p.add(f.page)}`;
  if (f.source) sql += ` AND ${refSource(`${alias}.source`)} = ${p.add(f.source)}`;
  if (f.ref) sql += ` AND ${alias}.ref = ${p.add(f.ref)}`;
  return sql;
}

export const OBSERVED_COUNTS = `new_contacts, replied_new_contacts, converted_new_contacts, unreachable_new_contacts,
    reengaged_contacts, conversions, revenue`;

/** What a caller of observedRows needs beyond the counts. */
export type ObservedNeeds = {
  /** a row per day (else weekly rows may be mixed in, with day null) */
  day?: boolean;
  /** the ref column */
  ref?: boolean;
  /** the ad_id column, over every source */
  adColumn?: boolean;
  /** only the arrivals from ads (with an ad, or from the source ADS), with their ad_id */
  adArrivals?: boolean;
};

/**
 * Observed rollup rows over a range, filtered, as a derived table `o` with workspace_id, day, page_id,
 * source, ref, ad_id, currency and the counts: the coarsest rollup that has the columns the filters
 * and the caller need. Arrivals from ads without day or ref come as whole weeks from the weekly ad
 * rollup and the days at either end from the daily one, without the day and ref columns.
 * Join other tables to it on `workspace_id = $1`, not on `o.workspace_id`: through the union the
 * planner cannot carry the workspace over, misjudges the join and takes twice as long.
 */
export function observedRows(range: DayRange, f: Filters, p: SqlParams, need: ObservedNeeds = {}): string {
  const where = (alias: string) => `${contactConditions(f, p, alias)}${adIdCondition(`${alias}.ad_id`, f, p)}`;
  const arrivals = need.adArrivals || hasAdFilter(f);
  if (!arrivals && !need.adColumn) {
    const from = p.add(range.from);
    const to = p.add(range.to);
    return `(SELECT o.workspace_id, o.day, o.page_id, o.source, o.ref, ''::text AS ad_id, o.currency, ${OBSERVED_COUNTS}
      FROM observed_daily_ref o WHERE o.workspace_id = $1 AND o.day BETWEEN ${from}::date AND ${to}::date${where('o')}) o`;
  }
  if (need.day || need.ref || need.adColumn || f.ref) {
    const from = p.add(range.from);
    const to = p.add(range.to);
    return `(SELECT o.workspace_id, o.day, o.page_id, o.source, o.ref, o.ad_id, o.currency, ${OBSERVED_COUNTS}
      FROM observed_daily o WHERE o.workspace_id = $1 AND o.day BETWEEN ${from}::date AND ${to}::date
        ${arrivals ? "AND (o.ad_id <> '' OR o.source = 'ADS')" : ''}${where('o')}) o`;
  }
  const [w1, w2, d1, d2, d3, d4] = weekSplit(range).map((d) => p.add(d));
  // no day or ref here: carrying them through the union makes every row wider for nothing (2× slower)
  return `(SELECT o.workspace_id, o.page_id, o.source, o.ad_id, o.currency, ${OBSERVED_COUNTS}
      FROM observed_weekly_ad o WHERE o.workspace_id = $1 AND o.week BETWEEN ${w1}::date AND ${w2}::date${where('o')}
    UNION ALL
    SELECT o.workspace_id, o.page_id, o.source, o.ad_id, o.currency, ${OBSERVED_COUNTS}
      FROM observed_daily o WHERE o.workspace_id = $1 AND (o.ad_id <> '' OR o.source = 'ADS')
        AND (o.day BETWEEN ${d1}::date AND ${d2}::date OR o.day BETWEEN ${d3}::date AND ${d4}::date)${where('o')}) o`;
}

/**
 * Meta's daily figures over a range, filtered by the ad filters, as a derived table `i` with day,
 * campaign_id, adset_id, ad_id, currency and the figures: the campaign rollup when neither the
 * caller nor the filters need finer than a campaign. Empty when the filters slice contacts, which
 * Meta's figures cannot follow (see deliveryApplies).
 */
export function deliveryRows(range: DayRange, f: Filters, p: SqlParams, need: { finer?: boolean } = {}): string {
  const from = p.add(range.from);
  const to = p.add(range.to);
  const none = deliveryApplies(f) ? '' : ' AND false';
  const figures = `spend, impressions, clicks, conversations_started, first_replies, total_connections, blocks`;
  if (!need.finer && !f.adset && !f.ad) {
    const account = f.account
      ? ` AND i.campaign_id IN (SELECT x.id FROM ad_object x WHERE x.workspace_id = $1 AND x.level = 'campaign' AND x.account_id = ${p.add(f.account)})`
      : '';
    const campaign = f.campaign ? ` AND i.campaign_id = ${p.add(f.campaign)}` : '';
    return `(SELECT i.day, i.campaign_id, NULL::text AS adset_id, NULL::text AS ad_id, i.currency, ${figures}
      FROM ad_insight_campaign_daily i WHERE i.workspace_id = $1 AND i.day BETWEEN ${from}::date AND ${to}::date${account}${campaign}${none}) i`;
  }
  let sql = '';
  if (f.account) sql += ` AND i.account_id = ${p.add(f.account)}`;
  if (f.campaign) sql += ` AND i.campaign_id = ${p.add(f.campaign)}`;
  if (f.adset) sql += ` AND i.adset_id = ${p.add(f.adset)}`;
  if (f.ad) sql += ` AND i.ad_id = ${p.add(f.ad)}`;
  return `(SELECT i.day, i.campaign_id, i.adset_id, i.ad_id, i.currency, ${figures}
      FROM ad_insight_daily i WHERE i.workspace_id = $1 AND i.day BETWEEN ${from}::date AND ${to}::date${sql}${none}) i`;
}

/** A range's whole weeks (first and last Monday) and the days before and after them. */
export function weekSplit(range: DayRange): [string, string, string, string, string, string] {
  const DAY = 86_400_000;
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  const firstMonday = from + ((8 - new Date(from).getUTCDay()) % 7) * DAY;
  const lastMonday = to - (new Date(to).getUTCDay() + 6) * DAY;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  if (firstMonday > lastMonday) return [iso(to + DAY), iso(to), range.from, range.to, range.from, range.to];
  return [iso(firstMonday), iso(lastMonday), range.from, iso(firstMonday - DAY), iso(lastMonday + 7 * DAY), range.to];
}
